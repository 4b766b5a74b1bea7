using Ardalis.Result;
using MediatR;
using Orders.Application.Abstractions.Messaging;
using Orders.Application.Abstractions.Persistence;
using Orders.Domain.Orders;

namespace Orders.IntegrationTests.Outbox.MessageKinds;

/// <summary>A follow-up that changes an order and then fails: neither its change nor its message's outcome may stay.</summary>
public sealed record FailingFollowUp(Guid OrderId) : ICommand<OrderStatus>;

internal sealed class FailingFollowUpHandler(IOrderRepository orders, TimeProvider timeProvider) : IRequestHandler<FailingFollowUp, Result<OrderStatus>>
{
    public async Task<Result<OrderStatus>> Handle(FailingFollowUp command, CancellationToken cancellationToken)
    {
        var order = await orders.FindAsync(command.OrderId, cancellationToken);
        order!.MarkFailed("changed by a follow-up that then failed", timeProvider.GetUtcNow());
        throw new InvalidOperationException("The follow-up failed after changing the order.");
    }
}
