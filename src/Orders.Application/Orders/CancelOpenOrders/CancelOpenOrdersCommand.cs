using Orders.Application.Abstractions.Messaging;

namespace Orders.Application.Orders.CancelOpenOrders;

/// <summary>
/// Cancels the oldest <see cref="BatchSize"/> open orders (of <paramref name="Instrument"/>, or of every instrument),
/// in one transaction; sent again until a batch finds none, so a large book never makes one long transaction.
/// </summary>
public sealed record CancelOpenOrdersCommand(string? Instrument) : ICommand<CancelOpenOrdersBatch>
{
    public const int BatchSize = 500;

    /// <summary>Only this account's orders (a suspension's); null: every account's.</summary>
    public Guid? AccountId { get; init; }
}
