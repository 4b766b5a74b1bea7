namespace Orders.Application.Abstractions.Exchange;

/// <summary>Reports of one exchange session in sequence order, after a given sequence; the session's last sequence says whether more follow.</summary>
public sealed record ExecutionsPage(string SessionId, long LastSequence, IReadOnlyList<ExecutionReport> Reports);
