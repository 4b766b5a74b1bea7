using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Orders.Infrastructure.Persistence;

/// <summary>Brings the schema up to date before anything else starts (the dispatcher, the web server).</summary>
internal sealed class DatabaseMigrator(IServiceScopeFactory scopeFactory, IOptions<DatabaseOptions> options, ILogger<DatabaseMigrator> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.MigrateOnStart)
        {
            return;
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<OrdersDbContext>().Database;

        // Asking a database that does not exist yet, or has no history table yet, for its migrations fails, and EF
        // logs that as an error before the provider reads it as "none" (Npgsql's migrator asks before it creates
        // anything): so the database and the history table are made first, by calls that expect them missing.
        var creator = database.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
        {
            await creator.CreateAsync(cancellationToken);
        }

        await database.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        var pending = (await database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, pending);
            await database.MigrateAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
