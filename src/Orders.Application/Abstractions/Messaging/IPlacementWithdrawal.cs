namespace Orders.Application.Abstractions.Messaging;

/// <summary>An order's placement message, taken back before anything was sent.</summary>
public interface IPlacementWithdrawal
{
    /// <summary>
    /// Withdraws the order's placement message, in the open transaction, if no relay holds it and no attempt to send
    /// it was made; then it is never sent. False when it may have been sent (or is no longer waiting): a relay that
    /// claims it at the same moment either wins, and this answers false, or never sees it.
    /// </summary>
    Task<bool> TryWithdrawAsync(Guid orderId, CancellationToken cancellationToken);
}
