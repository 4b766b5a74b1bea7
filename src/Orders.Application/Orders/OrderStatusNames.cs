using System.Text.Json;
using Orders.Domain.Orders;

namespace Orders.Application.Orders;

/// <summary>A status as the contract names it (partially_filled), for the messages a client reads.</summary>
internal static class OrderStatusNames
{
    public static string Of(OrderStatus status) => JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());
}
