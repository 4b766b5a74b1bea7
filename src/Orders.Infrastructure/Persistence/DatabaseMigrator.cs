using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Data.SqlClient;
using Npgsql;
using Orders.Infrastructure.Resilience;

namespace Orders.Infrastructure.Persistence;

/// <summary>
/// Brings the schema up to date before anything else starts (the dispatcher, the web server). A database that
/// cannot be reached yet (not started, still starting up) is waited for, so an instance started before its
/// database becomes ready once the database is up instead of exiting.
/// </summary>
internal sealed class DatabaseMigrator(
    IServiceScopeFactory scopeFactory, IOptions<DatabaseOptions> options, TimeProvider timeProvider, ILogger<DatabaseMigrator> logger)
    : IHostedService
{
    // Doubling from 1 s to at most 15 s (with jitter, so instances waiting together spread out): one warning per
    // attempt stays readable for a database that is down for long, and one that comes up is used within 15 s.
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(15);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.MigrateOnStart)
        {
            return;
        }

        for (var failedAttempts = 1; ; failedAttempts++)
        {
            try
            {
                await MigrateAsync(cancellationToken);
                return;
            }
            catch (Exception exception) when (TransientFailure(exception) is { } failure && !cancellationToken.IsCancellationRequested)
            {
                var delay = Backoff.Delay(failedAttempts, FirstRetryDelay, MaxRetryDelay, Random.Shared.NextDouble());
                logger.LogWarning(
                    "The database cannot be used yet ({Reason}); migrating again in {Delay:0.0} s (attempt {Attempt})",
                    failure.Message, delay.TotalSeconds, failedAttempts);
                await Task.Delay(delay, timeProvider, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
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

    // Instances started together on a new database all find it missing and all create it: the losers' CREATE DATABASE
    // fails (PostgreSQL 42P04, which Npgsql's creator does not tolerate; SQL Server 1801), and the database they wanted
    // is there.
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
        catch (Exception exception) when (exception is PostgresException { SqlState: PostgresErrorCodes.DuplicateDatabase } or SqlException { Number: 1801 })
        {
        }
    }

    // The driver knows which of its failures are transient (connection refused, 57P03 "the database system is starting
    // up", ...); EF passes them on as they are or wrapped ("likely due to a transient failure").
    private static DbException? TransientFailure(Exception exception) => exception switch
    {
        DbException { IsTransient: true } failure => failure,
        { InnerException: { } inner } => TransientFailure(inner),
        _ => null,
    };
}
