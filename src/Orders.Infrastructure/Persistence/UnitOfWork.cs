using Microsoft.EntityFrameworkCore.Storage;
using Orders.Application.Abstractions.Persistence;
using Orders.Infrastructure.Outbox;

namespace Orders.Infrastructure.Persistence;

internal sealed class UnitOfWork(
    OrdersDbContext dbContext,
    SqliteWriteGate writeGate,
    OutboxSignal outboxSignal,
    DomainEventsToOutboxInterceptor domainEventsToOutbox,
    InsertOnlyWriter insertOnlyWriter) : IUnitOfWork
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
        // Before the insert-only write, which has no interceptors; SaveChanges' own call then finds no events left.
        domainEventsToOutbox.AddOutboxMessages(dbContext);
        if (!await insertOnlyWriter.TryWriteAsync(dbContext, cancellationToken))
        {
            await dbContext.SaveChangesAsync(cancellationToken);
        }

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
