using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Orders.Domain.Abstractions;

namespace Orders.Infrastructure.Outbox;

/// <summary>
/// Turns the events raised by tracked aggregates into outbox rows inside the same SaveChanges, or inside the
/// unit of work's insert-only write, which calls <see cref="AddOutboxMessages"/> itself.
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

    public void AddOutboxMessages(DbContext context)
    {
        var aggregates = context.ChangeTracker.Entries<AggregateRoot>()
            .Select(entry => entry.Entity)
            .Where(aggregate => aggregate.DomainEvents.Count > 0)
            .ToList();
        if (aggregates.Count == 0)
        {
            return;
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        foreach (var aggregate in aggregates)
        {
            context.Set<OutboxMessage>().AddRange(aggregate.DomainEvents.Select(domainEvent => OutboxEventTypes.ToMessage(domainEvent, now)));
            aggregate.ClearDomainEvents();
        }
    }
}
