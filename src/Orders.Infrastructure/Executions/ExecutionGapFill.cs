using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orders.Application.Abstractions.Exchange;
using Orders.Infrastructure.Persistence;

namespace Orders.Infrastructure.Executions;

/// <summary>
/// Fetches from the exchange the reports of its current session that the service does not hold (a push lost, the
/// service down while the exchange kept filling) and receives each through the same command as a push. The session's
/// contiguous sequence first moves past what the inbox holds, so only what follows the first gap is fetched; a session
/// whose every push was lost is found because the exchange is asked for its current one.
/// </summary>
internal sealed class ExecutionGapFill(IServiceScopeFactory scopes, IStockExchange exchange, ExchangeReportIntake intake, ILogger<ExecutionGapFill> logger)
{
    private const int PageSize = 500;

    /// <summary>Returns how many reports were fetched (held ones included).</summary>
    public async Task<int> FillAsync(CancellationToken cancellationToken)
    {
        var current = (await exchange.GetExecutionsAsync(null, 0, 1, cancellationToken)).SessionId;
        var contiguous = await AdvanceThroughInboxAsync(current, cancellationToken);
        var fetched = 0;
        while (true)
        {
            var page = await exchange.GetExecutionsAsync(current, contiguous, PageSize, cancellationToken);
            if (page.SessionId != current || page.Reports.Count == 0)
            {
                break; // caught up, or the exchange restarted meanwhile: the next run takes its new session
            }

            await ReceiveAsync(page.Reports, cancellationToken);
            fetched += page.Reports.Count;
            contiguous = page.Reports[^1].Sequence;
            await SaveAsync(current, contiguous, cancellationToken);
        }

        if (fetched > 0)
        {
            logger.LogInformation("Gap fill: {Count} reports of exchange session {SessionId} fetched; all held up to {Sequence}", fetched, current, contiguous);
        }

        return fetched;
    }

    // The stored contiguous sequence, moved on through the sequences the inbox holds after it.
    private async Task<long> AdvanceThroughInboxAsync(string sessionId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var dbContext = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
        var stored = await dbContext.ExchangeSessions.AsNoTracking().SingleOrDefaultAsync(session => session.SessionId == sessionId, cancellationToken);
        var contiguous = stored?.ContiguousSequence ?? 0;
        var held = await dbContext.ExecutionReports.AsNoTracking()
            .Where(report => report.SessionId == sessionId && report.Sequence > contiguous)
            .OrderBy(report => report.Sequence)
            .Select(report => report.Sequence)
            .ToListAsync(cancellationToken);
        foreach (var sequence in held.TakeWhile((sequence, index) => sequence == contiguous + index + 1))
        {
            contiguous = sequence;
        }

        if (contiguous != (stored?.ContiguousSequence ?? 0))
        {
            await SaveAsync(sessionId, contiguous, cancellationToken);
        }

        return contiguous;
    }

    private async Task ReceiveAsync(IReadOnlyList<ExecutionReport> reports, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        foreach (var report in reports)
        {
            await intake.ReceiveAsync(mediator, report, cancellationToken);
        }
    }

    private async Task SaveAsync(string sessionId, long contiguous, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var dbContext = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
        var session = await dbContext.ExchangeSessions.SingleOrDefaultAsync(session => session.SessionId == sessionId, cancellationToken);
        if (session is null)
        {
            dbContext.ExchangeSessions.Add(new ExchangeSession { SessionId = sessionId, ContiguousSequence = contiguous });
        }
        else
        {
            session.ContiguousSequence = contiguous;
        }

        await dbContext.SaveChangesAsync(cancellationToken);
    }
}
