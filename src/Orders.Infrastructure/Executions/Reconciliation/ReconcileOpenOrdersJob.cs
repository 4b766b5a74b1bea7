using Microsoft.Extensions.Logging;
using Orders.Application.Abstractions.Exchange;
using Quartz;

namespace Orders.Infrastructure.Executions.Reconciliation;

/// <summary>Compares a batch of open orders with the exchange's every <see cref="ExecutionsOptions.ReconcileInterval"/>.</summary>
[DisallowConcurrentExecution]
internal sealed class ReconcileOpenOrdersJob(OpenOrdersReconciliation reconciliation, ILogger<ReconcileOpenOrdersJob> logger) : IJob
{
    public static readonly JobKey Key = new("reconcile-open-orders", "executions");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            context.Result = await reconciliation.RunAsync(cancellationToken);
        }
        catch (ExchangeNotCalledException)
        {
            // Not logged: the exchange adapter tells of its outage itself. The batch is compared next run.
        }
        catch (ExchangeUnavailableException unavailable)
        {
            logger.LogWarning("Reconciliation: the exchange could not be asked about open orders ({Error}); trying again next run", unavailable.Message);
        }
    }
}
