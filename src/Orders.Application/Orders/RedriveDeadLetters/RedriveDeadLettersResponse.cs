namespace Orders.Application.Orders.RedriveDeadLetters;

/// <summary>
/// <paramref name="Redriven"/>: orders this call made pending again (none in a dry run); <paramref name="Remaining"/>:
/// failed orders still in the group after it.
/// </summary>
public sealed record RedriveDeadLettersResponse(string Reason, bool DryRun, int Redriven, int Remaining);
