using System.Linq.Expressions;
using Orders.Domain.Orders;

namespace Orders.Application.Abstractions.Persistence;

/// <summary>The read side: untracked queries projected straight into response shapes.</summary>
public interface IOrderReadStore
{
    /// <summary>The order <paramref name="id"/> if <paramref name="accountId"/> owns it, else null.</summary>
    Task<TResponse?> FindAsync<TResponse>(Expression<Func<Order, TResponse>> projection, Guid accountId, Guid id, CancellationToken cancellationToken)
        where TResponse : class;

    /// <summary>Orders matching the filter, newest first (creation time, then id), at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<TResponse>> ListNewestFirstAsync<TResponse>(
        Expression<Func<Order, TResponse>> projection,
        OrderListFilter filter,
        int limit,
        CancellationToken cancellationToken);
}
