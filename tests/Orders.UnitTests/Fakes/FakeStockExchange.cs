using Orders.Application.Abstractions.Exchange;

namespace Orders.UnitTests.Fakes;

/// <summary>
/// Answers every placement with <see cref="Answer"/> (an exchange order id, or an exception it throws), every cancel
/// with <see cref="CancelAnswer"/> (nothing, or an exception it throws), every status request with <see cref="StatusAnswer"/> and every executions request with <see cref="ExecutionsAnswer"/>; records the calls.
/// </summary>
internal sealed class FakeStockExchange : IStockExchange
{
    public Func<ExchangeOrder, string> Answer { get; set; } = _ => "X-1";

    public Action<Guid> CancelAnswer { get; set; } = _ => { };

    public Func<Guid, ExchangeOrderStatus> StatusAnswer { get; set; } = _ => ExchangeOrderStatus.Unknown;

    public Func<string?, long, int, ExecutionsPage> ExecutionsAnswer { get; set; } = (session, _, _) => new ExecutionsPage(session ?? "S-1", 0, []);

    public List<ExchangeOrder> Calls { get; } = [];

    public List<Guid> Cancels { get; } = [];

    public List<Guid> StatusRequests { get; } = [];

    public Task<string> PlaceOrderAsync(ExchangeOrder order, CancellationToken cancellationToken)
    {
        Calls.Add(order);
        return Task.FromResult(Answer(order));
    }

    public Task CancelOrderAsync(Guid clientOrderId, CancellationToken cancellationToken)
    {
        Cancels.Add(clientOrderId);
        CancelAnswer(clientOrderId);
        return Task.CompletedTask;
    }

    public Task<ExchangeOrderStatus> GetOrderStatusAsync(Guid clientOrderId, CancellationToken cancellationToken)
    {
        StatusRequests.Add(clientOrderId);
        return Task.FromResult(StatusAnswer(clientOrderId));
    }

    public Task<ExecutionsPage> GetExecutionsAsync(string? sessionId, long afterSequence, int limit, CancellationToken cancellationToken) =>
        Task.FromResult(ExecutionsAnswer(sessionId, afterSequence, limit));
}
