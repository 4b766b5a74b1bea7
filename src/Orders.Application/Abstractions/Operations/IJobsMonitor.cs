namespace Orders.Application.Abstractions.Operations;

public interface IJobsMonitor
{
    Task<JobsReport> GetReportAsync(CancellationToken cancellationToken);
}
