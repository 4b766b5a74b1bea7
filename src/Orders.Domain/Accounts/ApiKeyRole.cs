namespace Orders.Domain.Accounts;

/// <summary>What a key may do: a client trades for its account; an operator also runs the service (/ops).</summary>
public enum ApiKeyRole
{
    Client,
    Operator,
}
