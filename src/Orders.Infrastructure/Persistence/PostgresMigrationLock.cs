using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Orders.Infrastructure.Persistence;

/// <summary>
/// Lets one instance at a time migrate a PostgreSQL database: a session advisory lock on the context's
/// connection, held from before the migrations history is read until the last migration is committed.
/// </summary>
/// <remarks>
/// EF Core's own lock is not enough there. Npgsql takes it with <c>LOCK TABLE "__EFMigrationsHistory"</c> inside
/// each migration's transaction, so it is let go at every migration's commit, while the list of migrations to
/// apply is read once, under the first lock: an instance that waited while another applied the first migration
/// reads "first applied", applies the second, and the other, taking the lock back for its second, applies it
/// again (42P07, relation already exists). The advisory lock is released explicitly: a pooled connection would
/// keep it until its next use. A crashed holder's lock goes with its connection.
/// </remarks>
internal sealed class PostgresMigrationLock : IAsyncDisposable
{
    // Advisory lock keys are per database; this one is used for nothing else.
    private const string Lock = "SELECT pg_advisory_lock(7318862504066961777)";
    private const string Unlock = "SELECT pg_advisory_unlock(7318862504066961777)";

    private readonly DatabaseFacade _database;

    private PostgresMigrationLock(DatabaseFacade database) => _database = database;

    /// <summary>Waits for the lock, opening the context's connection, which EF's migrator then uses as it is.</summary>
    public static async Task<PostgresMigrationLock> AcquireAsync(DatabaseFacade database, CancellationToken cancellationToken)
    {
        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            await database.ExecuteSqlRawAsync(Lock, cancellationToken);
        }
        catch
        {
            await database.CloseConnectionAsync();
            throw;
        }

        return new PostgresMigrationLock(database);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _database.ExecuteSqlRawAsync(Unlock);
        }
        finally
        {
            await _database.CloseConnectionAsync();
        }
    }
}
