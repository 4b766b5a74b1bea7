namespace Orders.Application.Abstractions.Operations;

/// <summary>
/// The dead letters an operator can re-drive: the failed orders, grouped by why they failed (their placement's last
/// error, which the order keeps as its failure reason, without the details each order has of its own).
/// </summary>
public interface IDeadLetters
{
    /// <summary>How many orders failed, and the <paramref name="limit"/> largest groups, largest first.</summary>
    Task<DeadLettersReport> GroupsAsync(int limit, CancellationToken cancellationToken);

    /// <summary>How many failed orders the group of <paramref name="reason"/> holds.</summary>
    Task<int> CountAsync(string reason, CancellationToken cancellationToken);
}

public sealed record DeadLettersReport(int FailedOrders, IReadOnlyList<DeadLetterGroup> Groups);

/// <summary>Failed orders with one reason: how many, and one of them (the oldest) with its error as stored.</summary>
public sealed record DeadLetterGroup(string Reason, int Count, Guid SampleOrderId, string SampleError);
