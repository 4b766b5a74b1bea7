using Microsoft.Extensions.Logging;
using Orders.Application.Abstractions.Exchange;
using Quartz;

namespace Orders.Infrastructure.Executions;

/// <summary>Fetches the reports the service missed: at start, then every <see cref="ExecutionsOptions.ReconcileInterval"/>.</summary>
[DisallowConcurrentExecution]
internal sealed class FillExecutionGapsJob(ExecutionGapFill gapFill, ILogger<FillExecutionGapsJob> logger) : IJob
{
    public static readonly JobKey Key = new("fill-execution-gaps", "executions");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            context.Result = await gapFill.FillAsync(cancellationToken);
        }
        catch (ExchangeNotCalledException)
        {
            // Not logged: the exchange adapter tells of its outage itself. What is missing is fetched next run.
        }
        catch (ExchangeUnavailableException unavailable)
        {
            logger.LogWarning("Gap fill: the exchange could not be asked for missed reports ({Error}); trying again next run", unavailable.Message);
        }
    }
}
