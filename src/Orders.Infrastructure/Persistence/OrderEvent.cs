namespace Orders.Infrastructure.Persistence;

/// <summary>
/// One row of the order event log, written in the transaction of the change it records. Each provider adds the
/// column that puts the log in commit order (see its context and its <see cref="Sql.IOrderEventsSql"/>).
/// </summary>
internal sealed class OrderEvent
{
    /// <summary>Given by the database, never reused (SQLite: AUTOINCREMENT), so a reader's place stays valid after a purge.</summary>
    public long Position { get; init; }

    public Guid OrderId { get; init; }

    /// <summary>The account that owns the order: a stream holds only its caller's events.</summary>
    public Guid AccountId { get; init; }

    /// <summary>UTC; the purge goes by it.</summary>
    public DateTime OccurredAt { get; init; }

    /// <summary>The order right after the change, as the API's JSON.</summary>
    public required string Data { get; init; }
}
