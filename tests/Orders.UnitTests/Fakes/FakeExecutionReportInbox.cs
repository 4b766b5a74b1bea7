using Orders.Application.Abstractions.Exchange;
using Orders.Application.Abstractions.Persistence;

namespace Orders.UnitTests.Fakes;

/// <summary>An inbox in memory: reports stored by execution id, and the ones marked parked with their reasons.</summary>
internal sealed class FakeExecutionReportInbox : IExecutionReportInbox, IParkedExecutionReports
{
    public Dictionary<string, string> Stored { get; } = [];

    public List<(string ExecutionId, string Reason)> Parked { get; } = [];

    public Task<bool> TryStoreAsync(ExecutionReport report, string payload, CancellationToken cancellationToken) =>
        Task.FromResult(Stored.TryAdd(report.ExecutionId, payload));

    public Task ParkAsync(string executionId, string reason, CancellationToken cancellationToken)
    {
        Parked.Add((executionId, reason));
        return Task.CompletedTask;
    }
}
