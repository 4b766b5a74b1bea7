using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

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
        await CreateIfMissingAsync(database.GetService<IRelationalDatabaseCreator>(), cancellationToken);
        await using var migrationLock = options.Value.Provider == DatabaseProvider.Postgres
            ? await PostgresMigrationLock.AcquireAsync(database, cancellationToken)
            : null;
        await database.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        var pending = (await database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, pending);
            await database.MigrateAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Instances started together on a new database all find it missing and all create it: the losers' CREATE DATABASE
    // fails with 42P04 (Npgsql's creator tolerates only the other form of that race, a unique violation), and the
    // database they wanted is there.
    private static async Task CreateIfMissingAsync(IRelationalDatabaseCreator creator, CancellationToken cancellationToken)
    {
        if (await creator.ExistsAsync(cancellationToken))
        {
            return;
        }

        try
        {
            await creator.CreateAsync(cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
        }
    }
}
