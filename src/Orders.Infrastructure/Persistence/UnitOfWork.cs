using Microsoft.EntityFrameworkCore.Storage;
using Orders.Application.Abstractions.Persistence;

namespace Orders.Infrastructure.Persistence;

internal sealed class UnitOfWork(OrdersDbContext dbContext) : IUnitOfWork
{
    public bool HasActiveTransaction => dbContext.Database.CurrentTransaction is not null;

    public async Task<IUnitOfWorkTransaction> BeginTransactionAsync(CancellationToken cancellationToken) =>
        new Transaction(dbContext, await dbContext.Database.BeginTransactionAsync(cancellationToken));

    private sealed class Transaction(OrdersDbContext dbContext, IDbContextTransaction transaction) : IUnitOfWorkTransaction
    {
        public async Task CommitAsync(CancellationToken cancellationToken)
        {
            await dbContext.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        public ValueTask DisposeAsync() => transaction.DisposeAsync();
    }
}
