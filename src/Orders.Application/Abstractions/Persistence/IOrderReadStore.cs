using System.Linq.Expressions;
using Orders.Domain.Orders;

namespace Orders.Application.Abstractions.Persistence;

/// <summary>The read side: untracked queries projected straight into response shapes.</summary>
public interface IOrderReadStore
{
    Task<TResponse?> FindAsync<TResponse>(Expression<Func<Order, TResponse>> projection, Guid id, CancellationToken cancellationToken)
        where TResponse : class;
}
