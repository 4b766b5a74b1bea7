using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orders.Application.Abstractions.Exchange;
using Orders.Domain.Orders;
using Orders.Infrastructure.Persistence;

namespace Orders.Infrastructure.Executions.Reconciliation;

/// <summary>
/// Compares the service's open orders with what the exchange holds, a batch per run, the open orders in turn (FIX's
/// order status request, one order at a time: the exchange offers no mass status). A report the exchange holds and the
/// service does not is received through the inbox like a push, so it is applied exactly once; a difference no report
/// explains (the exchange does not hold the order, or holds it under another id) is parked for an operator, and
/// removed once it is gone.
/// </summary>
internal sealed class OpenOrdersReconciliation(
    IServiceScopeFactory scopes,
    IStockExchange exchange,
    ExchangeReportIntake intake,
    IOptions<ExecutionsOptions> options,
    TimeProvider timeProvider,
    ILogger<OpenOrdersReconciliation> logger)
{
    private static readonly OrderStatus[] Open = [OrderStatus.Placed, OrderStatus.PartiallyFilled, OrderStatus.Cancelling];

    // Where the last batch ended; the next run goes on from there, and starts over once it has been round.
    private Guid _after = Guid.Empty;

    public async Task<ReconciliationResult> RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var dbContext = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        await ForgetClosedOrdersAsync(dbContext, cancellationToken);

        var batch = await NextBatchAsync(dbContext, cancellationToken);
        var parked = await dbContext.OrderDiscrepancies
            .Where(discrepancy => batch.Select(order => order.Id).Contains(discrepancy.OrderId))
            .ToDictionaryAsync(discrepancy => discrepancy.OrderId, cancellationToken);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var repaired = 0;
        foreach (var order in batch)
        {
            // Not in parallel: the batch is small, and the exchange's own limits (its circuit) see one caller.
            var status = await exchange.GetOrderStatusAsync(order.Id, cancellationToken);
            foreach (var report in status.Executions)
            {
                repaired += await intake.ReceiveAsync(mediator, report, cancellationToken) ? 1 : 0;
            }

            Record(dbContext, order, DifferenceOf(order, status), parked.GetValueOrDefault(order.Id), now);
        }

        await dbContext.SaveChangesAsync(cancellationToken);
        if (repaired > 0)
        {
            logger.LogInformation("Reconciliation: {Count} reports the exchange held for open orders were missing and are now received", repaired);
        }

        return new ReconciliationResult(batch.Count, repaired, await dbContext.OrderDiscrepancies.CountAsync(cancellationToken));
    }

    // What no report of the exchange's can repair.
    private static string? DifferenceOf(OpenOrder order, ExchangeOrderStatus status) => status switch
    {
        { State: ExchangeOrderState.Unknown } => $"The exchange does not hold the order, open here as {order.ExchangeOrderId}",
        { ExchangeOrderId: var held } when held != order.ExchangeOrderId => $"The exchange holds the order as {held}, recorded here as {order.ExchangeOrderId}",
        _ => null,
    };

    private void Record(OrdersDbContext dbContext, OpenOrder order, string? difference, OrderDiscrepancy? parked, DateTime now)
    {
        if (difference is null)
        {
            if (parked is not null)
            {
                dbContext.OrderDiscrepancies.Remove(parked);
                logger.LogInformation("Reconciliation: order {OrderId} agrees with the exchange again", order.Id);
            }

            return;
        }

        if (parked is null)
        {
            dbContext.OrderDiscrepancies.Add(new OrderDiscrepancy { OrderId = order.Id, Reason = difference, FoundAt = now, CheckedAt = now });
            logger.LogWarning("Reconciliation: order {OrderId} parked: {Reason}", order.Id, difference);
            return;
        }

        parked.Reason = difference;
        parked.CheckedAt = now;
    }

    // A parked order that is no longer open (a report ended it, an operator acted) has nothing left to compare.
    private static Task<int> ForgetClosedOrdersAsync(OrdersDbContext dbContext, CancellationToken cancellationToken) =>
        dbContext.OrderDiscrepancies
            .Where(discrepancy => !dbContext.Orders.Any(order => order.Id == discrepancy.OrderId && Open.Contains(order.Status)))
            .ExecuteDeleteAsync(cancellationToken);

    private async Task<List<OpenOrder>> NextBatchAsync(OrdersDbContext dbContext, CancellationToken cancellationToken)
    {
        var size = options.Value.ReconcileBatchSize;
        var after = _after;

        // Placed: a cancelling order the exchange never confirmed may rightly be unknown there.
        var batch = await dbContext.Orders.AsNoTracking()
            .Where(order => Open.Contains(order.Status) && order.PlacedAt != null && order.Id.CompareTo(after) > 0)
            .OrderBy(order => order.Id)
            .Take(size)
            .Select(order => new OpenOrder(order.Id, order.ExchangeOrderId!))
            .ToListAsync(cancellationToken);
        _after = batch.Count < size ? Guid.Empty : batch[^1].Id;
        return batch;
    }

    private sealed record OpenOrder(Guid Id, string ExchangeOrderId);
}

/// <summary>One run: how many open orders were compared, how many missing reports were received, how many differences are parked.</summary>
internal sealed record ReconciliationResult(int Compared, int ReportsReceived, int Parked);
