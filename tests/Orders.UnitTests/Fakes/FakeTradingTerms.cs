using Orders.Application.Abstractions.Accounts;

namespace Orders.UnitTests.Fakes;

/// <summary>Every account active, without limits.</summary>
internal sealed class FakeTradingTerms : ITradingTerms
{
    public Task<TradingTerms?> FindAsync(Guid accountId, CancellationToken cancellationToken) =>
        Task.FromResult<TradingTerms?>(new TradingTerms(IsSuspended: false, MaxQuantity: null, MaxNotional: null));
}
