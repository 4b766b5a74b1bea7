using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orders.Application.Abstractions.Accounts;
using Orders.Infrastructure.Persistence;

namespace Orders.Infrastructure.Accounts;

/// <summary>Creates the default account on start when it is missing, right after the migrations (which it needs).</summary>
internal sealed class DefaultAccountSetup(IDefaultAccount defaultAccount, IOptions<DatabaseOptions> database) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (database.Value.MigrateOnStart)
        {
            await defaultAccount.IdAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
