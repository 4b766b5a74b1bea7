using Orders.Application.Abstractions.Exchange;

namespace Orders.UnitTests.Fakes;

/// <summary>Answers every call with <see cref="Answer"/>: an exchange order id, or an exception it throws.</summary>
internal sealed class FakeStockExchange : IStockExchange
{
    public Func<ExchangeOrder, string> Answer { get; set; } = _ => "X-1";

    public List<ExchangeOrder> Calls { get; } = [];

    public Task<string> PlaceOrderAsync(ExchangeOrder order, CancellationToken cancellationToken)
    {
        Calls.Add(order);
        return Task.FromResult(Answer(order));
    }
}
