namespace Orders.Infrastructure.Persistence.Sql;

/// <summary>The outbox statements whose SQL differs by database provider.</summary>
internal interface IOutboxSql
{
    /// <summary>
    /// One statement that takes up to <paramref name="limit"/> due, unclaimed rows under <paramref name="token"/> for
    /// <paramref name="lease"/> by the database's clock, counts the attempt, and returns the rows' id, type, payload,
    /// occurred_at and attempts.
    /// </summary>
    FormattableString Claim(Guid token, TimeSpan lease, DateTime now, int limit);
}
