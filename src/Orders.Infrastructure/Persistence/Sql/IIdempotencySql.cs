namespace Orders.Infrastructure.Persistence.Sql;

/// <summary>The idempotency key statement whose SQL differs by database provider.</summary>
internal interface IIdempotencySql
{
    /// <summary>
    /// Inserts the account's key unless the account has it; an insert of a key another open transaction has inserted waits for that
    /// transaction, then inserts nothing if it committed. Returns the rows inserted (0 or 1).
    /// </summary>
    FormattableString InsertIfAbsent(Guid accountId, string key, string fingerprint, string response, DateTime createdAt, DateTime expiresAt);
}

/// <summary>PostgreSQL and SQLite: an upsert that does nothing on conflict; the primary key settles races.</summary>
internal sealed class OnConflictIdempotencySql : IIdempotencySql
{
    public FormattableString InsertIfAbsent(Guid accountId, string key, string fingerprint, string response, DateTime createdAt, DateTime expiresAt) => $"""
        INSERT INTO idempotency_keys (account_id, key, fingerprint, response, created_at, expires_at)
        VALUES ({accountId}, {key}, {fingerprint}, {response}, {createdAt}, {expiresAt})
        ON CONFLICT (account_id, key) DO NOTHING
        """;
}

/// <summary>
/// SQL Server has no ON CONFLICT: the existence check takes an update range lock on the account's key (UPDLOCK,
/// HOLDLOCK), so of two transactions inserting one key the second waits for the first, then finds the key, or inserts
/// it if the first rolled back.
/// </summary>
internal sealed class SqlServerIdempotencySql : IIdempotencySql
{
    public FormattableString InsertIfAbsent(Guid accountId, string key, string fingerprint, string response, DateTime createdAt, DateTime expiresAt) => $"""
        INSERT INTO idempotency_keys (account_id, [key], fingerprint, response, created_at, expires_at)
        SELECT {accountId}, {key}, {fingerprint}, {response}, {createdAt}, {expiresAt}
        WHERE NOT EXISTS (SELECT 1 FROM idempotency_keys WITH (UPDLOCK, HOLDLOCK) WHERE account_id = {accountId} AND [key] = {key})
        """;
}
