using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Orders.Domain.Abstractions;
using Orders.Infrastructure.Monitoring.Tracing;

namespace Orders.Infrastructure.Outbox;

/// <summary>
/// Turns the events raised by tracked aggregates into outbox rows inside the same SaveChanges; the unit of work's
/// fast path for new orders, which has no interceptors, gets its rows from <see cref="ToOutboxMessages"/>. A row
/// carries its aggregate's journey (<see cref="StoredTraceContext.JourneyProperty"/>), which a new aggregate begins
/// with the current trace.
/// </summary>
internal sealed class DomainEventsToOutboxInterceptor(TimeProvider timeProvider) : SaveChangesInterceptor
{
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            AddOutboxMessages(context);
        }

        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context)
        {
            AddOutboxMessages(context);
        }

        return base.SavingChanges(eventData, result);
    }

    /// <summary>The outbox rows of new aggregates' events; the events stay raised until the rows are stored.</summary>
    public IReadOnlyList<OutboxMessage> ToOutboxMessages(IEnumerable<AggregateRoot> created)
    {
        var journey = StoredTraceContext.Current();
        return ToOutboxMessages(created.Select(aggregate => (aggregate, journey)));
    }

    private IReadOnlyList<OutboxMessage> ToOutboxMessages(IEnumerable<(AggregateRoot Aggregate, string? Journey)> aggregates)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        return [.. aggregates.SelectMany(pair => pair.Aggregate.DomainEvents.Select(domainEvent => OutboxEventTypes.ToMessage(domainEvent, now, pair.Journey)))];
    }

    private void AddOutboxMessages(DbContext context)
    {
        var raising = context.ChangeTracker.Entries<AggregateRoot>()
            .Where(entry => entry.Entity.DomainEvents.Count > 0)
            .Select(entry => (entry.Entity, JourneyOf(entry)))
            .ToList();
        if (raising.Count == 0)
        {
            return;
        }

        context.Set<OutboxMessage>().AddRange(ToOutboxMessages(raising));
        foreach (var (aggregate, _) in raising)
        {
            aggregate.ClearDomainEvents();
        }
    }

    // A new aggregate begins its journey in the current trace; a stored one's is what it stored (none from before traces).
    private static string? JourneyOf(EntityEntry<AggregateRoot> entry)
    {
        if (entry.Metadata.FindProperty(StoredTraceContext.JourneyProperty) is not { } property)
        {
            return null;
        }

        var journey = entry.Property(property);
        if (entry.State == EntityState.Added && journey.CurrentValue is null)
        {
            journey.CurrentValue = StoredTraceContext.Current();
        }

        return (string?)journey.CurrentValue;
    }
}
