using Ardalis.Result;
using MediatR;
using Orders.Application.Abstractions.Operations;

namespace Orders.Application.Operations.GetJobs;

internal sealed class GetJobsQueryHandler(IJobsMonitor monitor) : IRequestHandler<GetJobsQuery, Result<JobsReport>>
{
    public async Task<Result<JobsReport>> Handle(GetJobsQuery query, CancellationToken cancellationToken) =>
        await monitor.GetReportAsync(cancellationToken);
}
