using Orders.Domain.Orders;

namespace Orders.Application.Orders.RedriveOrder;

public sealed record RedriveOrderResponse(Guid Id, OrderStatus Status);
