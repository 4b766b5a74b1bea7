using Orders.Application.Abstractions.Messaging;

namespace Orders.UnitTests.Fakes;

/// <summary>Withdraws the placements of the orders in <see cref="Unsent"/>, once each; records every request.</summary>
internal sealed class FakePlacementWithdrawal : IPlacementWithdrawal
{
    public HashSet<Guid> Unsent { get; } = [];

    public List<Guid> Requests { get; } = [];

    public Task<bool> TryWithdrawAsync(Guid orderId, CancellationToken cancellationToken)
    {
        Requests.Add(orderId);
        return Task.FromResult(Unsent.Remove(orderId));
    }
}
