using Orders.Application.Abstractions.Exchange;

namespace Orders.Application.Abstractions.Persistence;

/// <summary>The exchange's reports as the service received them, each kept once by its execution id.</summary>
public interface IExecutionReportInbox
{
    /// <summary>
    /// Stores the report, its text as received, and the relay message that gets it applied, unless a report with its
    /// execution id is stored already; true when stored. Another open transaction storing the same execution id is
    /// waited for, so of two at once exactly one stores.
    /// </summary>
    Task<bool> TryStoreAsync(ExecutionReport report, string payload, CancellationToken cancellationToken);
}
