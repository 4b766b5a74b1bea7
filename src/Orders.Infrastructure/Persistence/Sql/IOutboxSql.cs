using System.Runtime.CompilerServices;

namespace Orders.Infrastructure.Persistence.Sql;

/// <summary>The outbox statements whose SQL differs by database provider.</summary>
internal interface IOutboxSql
{
    /// <summary>
    /// One statement that takes up to <paramref name="limit"/> due, unclaimed rows under <paramref name="token"/> for
    /// <paramref name="lease"/> by the database's clock, counts the attempt, and returns the rows' id, type, payload,
    /// occurred_at, attempts, ordering_key, trace_parent and trace_link.
    /// </summary>
    FormattableString Claim(Guid token, TimeSpan lease, DateTime now, int limit);

    /// <summary>
    /// Releases the rows among <paramref name="ids"/> still held under <paramref name="token"/> and returns their ids
    /// (as "Value"). PostgreSQL and SQLite say it with RETURNING; a provider without it has its own form.
    /// </summary>
    FormattableString Release(Guid token, IReadOnlyList<Guid> ids) => FormattableStringFactory.Create(
        $"UPDATE outbox_messages SET lock_token = NULL, locked_until = NULL WHERE lock_token = {{0}} AND id IN ({Placeholders(ids, from: 1)}) RETURNING id AS \"Value\"",
        [token, .. ids.Cast<object>()]);

    /// <summary>"{1}, {2}, …": one placeholder per id, numbered from <paramref name="from"/>.</summary>
    protected static string Placeholders(IReadOnlyList<Guid> ids, int from) => string.Join(", ", ids.Select((_, index) => $"{{{index + from}}}"));
}
