namespace Orders.Application.Abstractions.Audit;

/// <summary>One operator action: who (the operator's key id, or <c>command-line</c>), what, on what, when.</summary>
public sealed class AuditEntry
{
    public const int ActorLength = 64;
    public const int ActionLength = 32;
    public const int TargetLength = 128;
    public const int DetailsLength = 500;

    public required Guid Id { get; init; }

    /// <summary>UTC.</summary>
    public required DateTime At { get; init; }

    public required string Actor { get; init; }

    /// <summary>What was done, e.g. <c>account.suspend</c>.</summary>
    public required string Action { get; init; }

    /// <summary>What it was done to: an account's name, a key's id, an order's id.</summary>
    public required string Target { get; init; }

    public required string Details { get; init; }
}
