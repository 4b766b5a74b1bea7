using Microsoft.EntityFrameworkCore.Storage;
using Orders.Application.Abstractions.Persistence;
using Orders.Infrastructure.Outbox;

namespace Orders.Infrastructure.Persistence;

internal sealed class UnitOfWork(OrdersDbContext dbContext, SqliteWriteGate writeGate, OutboxSignal outboxSignal) : IUnitOfWork
{
    public bool HasActiveTransaction => dbContext.Database.CurrentTransaction is not null;

    public async Task<IUnitOfWorkTransaction> BeginTransactionAsync(CancellationToken cancellationToken)
    {
        // The transaction commits or rolls back as a whole: a savepoint around SaveChanges is two wasted round trips.
        dbContext.Database.AutoSavepointsEnabled = false;
        var entered = await writeGate.EnterAsync(cancellationToken);
        try
        {
            return new Transaction(dbContext, await dbContext.Database.BeginTransactionAsync(cancellationToken), entered, outboxSignal);
        }
        catch
        {
            entered.Dispose();
            throw;
        }
    }

    private sealed class Transaction(
        OrdersDbContext dbContext,
        IDbContextTransaction transaction,
        SqliteWriteGate.Entered entered,
        OutboxSignal outboxSignal) : IUnitOfWorkTransaction
    {
        public async Task CommitAsync(CancellationToken cancellationToken)
        {
            await dbContext.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);

            // Only now is a new outbox row visible to a dispatcher.
            outboxSignal.Notify();
        }

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
