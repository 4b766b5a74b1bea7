namespace Orders.Infrastructure.Accounts;

/// <summary>The risk limits of an account that has none of its own; unset: no limit.</summary>
public sealed class RiskOptions
{
    public const string SectionName = "Risk";

    /// <summary>The largest quantity of one order.</summary>
    public int? MaxQuantity { get; set; }

    /// <summary>The largest quantity × limit price of one limit order.</summary>
    public decimal? MaxNotional { get; set; }
}
