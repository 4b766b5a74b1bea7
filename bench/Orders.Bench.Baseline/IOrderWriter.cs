namespace Orders.Bench.Baseline;

/// <summary>Writes the order, its first status change and its outbox message, together or not at all.</summary>
internal interface IOrderWriter
{
    Task WriteAsync(NewOrder order, CancellationToken cancellationToken);
}
