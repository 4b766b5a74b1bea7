namespace Orders.Domain.Orders;

public enum OrderSide
{
    Buy,
    Sell,
}
