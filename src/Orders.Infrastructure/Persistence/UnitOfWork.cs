using Microsoft.EntityFrameworkCore.Storage;
using Orders.Application.Abstractions.Persistence;
using Orders.Infrastructure.Outbox;

namespace Orders.Infrastructure.Persistence;

internal sealed class UnitOfWork(
    OrdersDbContext dbContext,
    SqliteWriteGate writeGate,
    OutboxSignal outboxSignal,
    DomainEventsToOutboxInterceptor domainEventsToOutbox,
    InsertOnlyWriter insertOnlyWriter,
    NewAggregates newAggregates) : IUnitOfWork
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
        // A unit of work that only creates aggregates writes them, their dependents and their events' outbox rows
        // without the change tracker; any other joins them to the tracker, and SaveChanges (with the outbox
        // interceptor) writes everything.
        var created = newAggregates.Items;
        if (!dbContext.ChangeTracker.HasChanges()
            && await insertOnlyWriter.TryWriteAsync(dbContext, [.. created, .. domainEventsToOutbox.ToOutboxMessages(created)], cancellationToken))
        {
            foreach (var aggregate in created)
            {
                aggregate.ClearDomainEvents(); // their outbox rows are written; SaveChanges' interceptor does this on the other path
            }
        }
        else
        {
            dbContext.AddRange(created);
            await dbContext.SaveChangesAsync(cancellationToken);
        }

        newAggregates.Clear();

        await transaction.CommitAsync(cancellationToken);

        // Only now is a new outbox row visible to a dispatcher.
        outboxSignal.Notify();
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
