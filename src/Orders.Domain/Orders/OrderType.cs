namespace Orders.Domain.Orders;

public enum OrderType
{
    Market,
    Limit,
}
