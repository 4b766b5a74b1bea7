using Microsoft.EntityFrameworkCore;
using Orders.Application.Abstractions.Operations;
using Orders.Infrastructure.Outbox;
using Orders.Infrastructure.Persistence;

namespace Orders.Infrastructure.Executions;

/// <summary>
/// How the exchange's reports are doing, from what is stored anyway: every report is an inbox row, and its relay row
/// is pending until applied or parked (applied rows are purged after a while, so "applied" is what is left over).
/// </summary>
internal sealed class ExecutionIntakeQuery(OrdersDbContext dbContext)
{
    public async Task<ExecutionIntakeReport> GetAsync(int parked, CancellationToken cancellationToken)
    {
        var relayRows = dbContext.OutboxMessages.AsNoTracking().Where(message => message.Type == OutboxEventTypes.ExecutionReportReceived);
        var waiting = await relayRows.CountAsync(message => message.ProcessedAt == null && message.DeadLetteredAt == null, cancellationToken);
        var deadLettered = await relayRows.CountAsync(message => message.DeadLetteredAt != null, cancellationToken);

        // Counted last: a report received meanwhile is not yet counted elsewhere, so "applied" never goes below zero by it.
        var received = await dbContext.ExecutionReports.CountAsync(cancellationToken);
        return new ExecutionIntakeReport(received, waiting, Math.Max(0, received - waiting - parked - deadLettered), parked, deadLettered);
    }
}
