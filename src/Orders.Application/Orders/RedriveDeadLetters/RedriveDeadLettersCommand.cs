using Orders.Application.Abstractions.Messaging;

namespace Orders.Application.Orders.RedriveDeadLetters;

/// <summary>
/// Re-drives the oldest <see cref="BatchSize"/> failed orders of the group of <paramref name="Reason"/>, in one
/// transaction; sent again until none remain, so a large group never makes one long transaction nor one burst at the
/// exchange. A dry run only counts them.
/// </summary>
public sealed record RedriveDeadLettersCommand(string Reason, bool? DryRun) : ICommand<RedriveDeadLettersResponse>
{
    public const int BatchSize = 50;
}
