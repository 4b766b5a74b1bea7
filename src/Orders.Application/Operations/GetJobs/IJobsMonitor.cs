namespace Orders.Application.Operations.GetJobs;

public interface IJobsMonitor
{
    Task<JobsReport> GetReportAsync(CancellationToken cancellationToken);
}
