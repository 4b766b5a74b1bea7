using Orders.Application.Abstractions.Persistence;

namespace Orders.Infrastructure.Persistence.Sql;

/// <summary>
/// The order event log's reads, whose SQL differs by database provider: each provider has its own way to read the
/// log in an order no commit can still go below. Both return the columns "Commit" and "Position" (and "Data").
/// </summary>
internal interface IOrderEventsSql
{
    /// <summary>The place a new reader starts from: events that may still commit come after it.</summary>
    FormattableString Now { get; }

    /// <summary>
    /// Up to <paramref name="limit"/> events after <paramref name="after"/>, in log order (commit, then position), of
    /// the order <paramref name="orderId"/> if given, and only those that no transaction still running can precede.
    /// </summary>
    FormattableString ReadAfter(OrderEventPosition after, Guid? orderId, int limit);

    /// <summary>The statements' arguments: {0} commit, {1} position, {2} limit and, only when it filters, {3} the order id.</summary>
    protected static object[] Arguments(long commit, long position, int limit, Guid? orderId) =>
        orderId is { } id ? [commit, position, limit, id] : [commit, position, limit];
}
