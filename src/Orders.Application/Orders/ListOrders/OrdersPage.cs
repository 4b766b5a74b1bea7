namespace Orders.Application.Orders.ListOrders;

/// <summary>One page of orders; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record OrdersPage(IReadOnlyList<OrderResponse> Items, string? NextCursor);
