namespace Orders.Application.Abstractions.Messaging;

/// <summary>
/// Loads in one go what a batch of follow-up commands is about to change, before they are sent one by one in the
/// batch's transaction: one query for the batch instead of one per command.
/// </summary>
public interface IPrepareFollowUps
{
    Task PrepareAsync(IReadOnlyCollection<ICommand> followUps, CancellationToken cancellationToken);
}
