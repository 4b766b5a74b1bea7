using Orders.Application.Abstractions.Messaging;
using Orders.Application.Abstractions.Audit;

namespace Orders.Application.Operations.GetAuditLog;

/// <summary>The most recent operator actions, newest first.</summary>
public sealed record GetAuditLogQuery(int? Limit) : IQuery<AuditLogResponse>
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;
}

public sealed record AuditLogResponse(IReadOnlyList<AuditEntry> Entries);
