namespace Orders.Application.Abstractions.Accounts;

/// <summary>What an account may trade now: its status and its risk limits (its own, or else the configured defaults).</summary>
public interface ITradingTerms
{
    /// <summary>One indexed read of the account, nothing tracked; null when there is no such account.</summary>
    Task<TradingTerms?> FindAsync(Guid accountId, CancellationToken cancellationToken);
}

/// <summary>A null limit: none applies.</summary>
public sealed record TradingTerms(bool IsSuspended, int? MaxQuantity, decimal? MaxNotional);
