using Microsoft.EntityFrameworkCore;
using Orders.Application.Abstractions.Exchange;
using Orders.Application.Abstractions.Persistence;
using Orders.Domain.Orders;
using Orders.Infrastructure.Outbox;
using Orders.Infrastructure.Persistence;

namespace Orders.Infrastructure.Executions;

/// <summary>
/// The inbox: a report and its relay message are stored by one statement (the hot path of a stream of reports: one
/// round trip, no change tracker); a report that cannot be applied is marked parked where it is kept.
/// </summary>
internal sealed class ExecutionReportInbox(OrdersDbContext dbContext, IExecutionInboxSql sql, TimeProvider timeProvider)
    : IExecutionReportInbox, IParkedExecutionReports
{
    public async Task<bool> TryStoreAsync(ExecutionReport report, string payload, CancellationToken cancellationToken)
    {
        var now = UtcNow();
        var received = new ReceivedExecutionReport
        {
            ExecutionId = report.ExecutionId,
            SessionId = report.SessionId,
            Sequence = report.Sequence,
            ClientOrderId = report.ClientOrderId,
            Payload = payload,
            ReceivedAt = now,
        };
        var stored = await dbContext.Database.ExecuteSqlAsync(sql.StoreIfAbsent(received, OutboxEventTypes.ToMessage(report, now)), cancellationToken);
        return stored > 0;
    }

    public Task ParkAsync(string executionId, string reason, CancellationToken cancellationToken)
    {
        var now = UtcNow();
        var kept = reason.Length <= OrderRules.ReasonLength ? reason : reason[..OrderRules.ReasonLength];
        return dbContext.ExecutionReports
            .Where(report => report.ExecutionId == executionId)
            .ExecuteUpdateAsync(report => report.SetProperty(r => r.ParkedReason, kept).SetProperty(r => r.ParkedAt, now), cancellationToken);
    }

    private DateTime UtcNow() => timeProvider.GetUtcNow().UtcDateTime;
}
