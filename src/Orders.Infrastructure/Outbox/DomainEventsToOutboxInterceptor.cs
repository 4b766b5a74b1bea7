using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Orders.Domain.Abstractions;

namespace Orders.Infrastructure.Outbox;

/// <summary>
/// Turns the events raised by tracked aggregates into outbox rows inside the same SaveChanges; the unit of work's
/// fast path for new orders, which has no interceptors, gets its rows from <see cref="ToOutboxMessages"/>.
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

    /// <summary>The outbox rows of the aggregates' events; the events stay raised until the rows are stored.</summary>
    public IReadOnlyList<OutboxMessage> ToOutboxMessages(IEnumerable<AggregateRoot> aggregates)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        return [.. aggregates.SelectMany(aggregate => aggregate.DomainEvents.Select(domainEvent => OutboxEventTypes.ToMessage(domainEvent, now)))];
    }

    private void AddOutboxMessages(DbContext context)
    {
        var aggregates = context.ChangeTracker.Entries<AggregateRoot>()
            .Select(entry => entry.Entity)
            .Where(aggregate => aggregate.DomainEvents.Count > 0)
            .ToList();
        if (aggregates.Count == 0)
        {
            return;
        }

        context.Set<OutboxMessage>().AddRange(ToOutboxMessages(aggregates));
        foreach (var aggregate in aggregates)
        {
            aggregate.ClearDomainEvents();
        }
    }
}
