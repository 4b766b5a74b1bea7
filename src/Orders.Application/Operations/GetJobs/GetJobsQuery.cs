using Orders.Application.Abstractions.Messaging;
using Orders.Application.Abstractions.Operations;

namespace Orders.Application.Operations.GetJobs;

/// <summary>What the background jobs are doing, and how far behind the outbox is.</summary>
public sealed record GetJobsQuery : IQuery<JobsReport>;
