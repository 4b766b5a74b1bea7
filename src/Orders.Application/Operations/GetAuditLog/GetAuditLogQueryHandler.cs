using Ardalis.Result;
using MediatR;
using Orders.Application.Abstractions.Audit;

namespace Orders.Application.Operations.GetAuditLog;

internal sealed class GetAuditLogQueryHandler(IAuditLog log) : IRequestHandler<GetAuditLogQuery, Result<AuditLogResponse>>
{
    public async Task<Result<AuditLogResponse>> Handle(GetAuditLogQuery query, CancellationToken cancellationToken) =>
        new AuditLogResponse(await log.NewestAsync(query.Limit ?? GetAuditLogQuery.DefaultLimit, cancellationToken));
}
