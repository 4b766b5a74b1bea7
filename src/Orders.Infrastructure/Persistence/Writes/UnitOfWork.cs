using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Orders.Application.Abstractions.Persistence;
using Orders.Domain.Orders;
using Orders.Infrastructure.Events;
using Orders.Infrastructure.Outbox;

namespace Orders.Infrastructure.Persistence.Writes;

internal sealed class UnitOfWork(
    OrdersDbContext dbContext,
    SqliteWriteGate writeGate,
    OutboxSignal outboxSignal,
    OrderEventSignal orderEventSignal,
    DomainEventsToOutboxInterceptor domainEventsToOutbox,
    NewOrderWriter newOrderWriter,
    OrderEventRecorder orderEvents,
    NewAggregates newAggregates,
    AcceptedOrdersCounter acceptedOrders,
    ILogger<UnitOfWork> logger) : IUnitOfWork
{
    public bool HasActiveTransaction => dbContext.Database.CurrentTransaction is not null;

    public async Task<IUnitOfWorkTransaction> BeginTransactionAsync(CancellationToken cancellationToken)
    {
        // The transaction commits or rolls back as a whole: a savepoint around SaveChanges is two wasted round trips.
        dbContext.Database.AutoSavepointsEnabled = false;
        var entered = await writeGate.EnterAsync(cancellationToken);
        try
        {
            var transaction = await dbContext.Database.BeginTransactionAsync(cancellationToken);
            return new Transaction(this, transaction, entered);
        }
        catch
        {
            entered.Dispose();
            throw;
        }
    }

    private async Task CommitAsync(IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        var created = newAggregates.Items;
        List<Order> newOrders;
        bool ordersChanged;
        if (created.Count > 0 && created.All(aggregate => aggregate is Order) && !dbContext.ChangeTracker.HasChanges())
        {
            newOrders = created.Cast<Order>().ToList();
            await newOrderWriter.WriteAsync(
                dbContext, newOrders, domainEventsToOutbox.ToOutboxMessages(created), orderEvents.ForNewOrders(newOrders), cancellationToken);
            foreach (var aggregate in created)
            {
                aggregate.ClearDomainEvents(); // their outbox rows are written; SaveChanges' interceptor does this on the other path
            }

            ordersChanged = true;
        }
        else
        {
            if (created.Count > 0)
            {
                logger.LogDebug("{Count} new aggregate(s) written through SaveChanges: the unit of work also changes stored entities", created.Count);
            }

            newOrders = [.. created.OfType<Order>()];
            dbContext.AddRange(created);
            var changedOrders = OrderEventRecorder.ChangedOrders(dbContext.ChangeTracker);
            try
            {
                await dbContext.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException conflict)
            {
                // What was read is stale: forget it, so a new attempt in this scope reads afresh.
                newAggregates.Clear();
                dbContext.ChangeTracker.Clear();
                throw new ConcurrencyConflictException("An order changed while this command was changing it.", conflict);
            }

            ordersChanged = changedOrders.Count > 0;
            if (ordersChanged)
            {
                await orderEvents.RecordAsync(dbContext, changedOrders, cancellationToken);
            }
        }

        newAggregates.Clear();

        await transaction.CommitAsync(cancellationToken);

        // Counted only now: a transaction rolled back (an Idempotency-Key's repeat, a failed commit) accepted nothing.
        foreach (var order in newOrders)
        {
            acceptedOrders.Count(order);
        }

        // Only now is a new outbox row visible to a dispatcher, and a new event to a stream.
        outboxSignal.Notify();
        if (ordersChanged)
        {
            orderEventSignal.Notify();
        }
    }

    private sealed class Transaction(UnitOfWork unitOfWork, IDbContextTransaction transaction, SqliteWriteGate.Entered entered)
        : IUnitOfWorkTransaction
    {
        public Task CommitAsync(CancellationToken cancellationToken) => unitOfWork.CommitAsync(transaction, cancellationToken);

        public async ValueTask DisposeAsync()
        {
            try
            {
                await transaction.DisposeAsync();
            }
            finally
            {
                entered.Dispose();
            }
        }
    }
}
