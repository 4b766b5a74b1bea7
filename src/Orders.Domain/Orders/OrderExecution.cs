namespace Orders.Domain.Orders;

/// <summary>A report the order applied, kept by its execution id; a fill's quantity and price make the order's filled quantity and average price.</summary>
public sealed class OrderExecution
{
    internal OrderExecution(string executionId, ExecutionType type, int quantity, decimal price, DateTime executedAt)
    {
        ExecutionId = executionId;
        Type = type;
        Quantity = quantity;
        Price = price;
        ExecutedAt = executedAt;
    }

    public string ExecutionId { get; private set; }

    public ExecutionType Type { get; private set; }

    /// <summary>0 unless a fill.</summary>
    public int Quantity { get; private set; }

    /// <summary>0 unless a fill.</summary>
    public decimal Price { get; private set; }

    /// <summary>UTC, the exchange's time.</summary>
    public DateTime ExecutedAt { get; private set; }
}
