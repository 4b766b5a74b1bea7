using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orders.Application.Abstractions.Accounts;
using Orders.Domain.Accounts;
using Orders.Infrastructure.Persistence;

namespace Orders.Infrastructure.Accounts;

/// <summary>
/// The account named by Auth:DefaultAccount, created when missing (the migration created "default"; configuration
/// may name another). Its id is looked up once per process.
/// </summary>
internal sealed class DefaultAccount(IServiceScopeFactory scopeFactory, IOptions<AuthOptions> options, SqliteWriteGate writeGate, TimeProvider timeProvider)
    : IDefaultAccount
{
    private Guid? _id;

    public async Task<Guid> IdAsync(CancellationToken cancellationToken) => _id ??= await FindOrCreateAsync(cancellationToken);

    private async Task<Guid> FindOrCreateAsync(CancellationToken cancellationToken)
    {
        var name = options.Value.DefaultAccount;
        await using var scope = scopeFactory.CreateAsyncScope();
        var dbContext = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
        if (await IdOfAsync(dbContext, name, cancellationToken) is { } id)
        {
            return id;
        }

        var account = Account.OpenDefault(name, timeProvider.GetUtcNow());
        dbContext.Accounts.Add(account);
        try
        {
            using var entered = await writeGate.EnterAsync(cancellationToken);
            await dbContext.SaveChangesAsync(cancellationToken);
            return account.Id;
        }
        catch (DbUpdateException)
        {
            // Another instance created it first (the name is unique): that one is the default account.
            dbContext.ChangeTracker.Clear();
            return await IdOfAsync(dbContext, name, cancellationToken) ?? throw new InvalidOperationException($"The default account '{name}' could not be created.");
        }
    }

    private static Task<Guid?> IdOfAsync(OrdersDbContext dbContext, string name, CancellationToken cancellationToken) =>
        dbContext.Accounts.AsNoTracking().Where(account => account.Name == name).Select(account => (Guid?)account.Id).SingleOrDefaultAsync(cancellationToken);
}
