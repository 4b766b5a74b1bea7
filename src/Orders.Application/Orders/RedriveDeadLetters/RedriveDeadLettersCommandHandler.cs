using Ardalis.Result;
using MediatR;
using Orders.Application.Abstractions.Operations;
using Orders.Application.Abstractions.Persistence;
using Orders.Application.Audit;
using Orders.Application.Orders.RedriveOrder;

namespace Orders.Application.Orders.RedriveDeadLetters;

/// <summary>Re-drives a batch of a dead-letter group, each order as its own re-drive would (and audited so).</summary>
internal sealed class RedriveDeadLettersCommandHandler(IDeadLetters deadLetters, IOrderRepository orders, OperatorAudit audit, TimeProvider timeProvider)
    : IRequestHandler<RedriveDeadLettersCommand, Result<RedriveDeadLettersResponse>>
{
    public async Task<Result<RedriveDeadLettersResponse>> Handle(RedriveDeadLettersCommand command, CancellationToken cancellationToken)
    {
        var inGroup = await deadLetters.CountAsync(command.Reason, cancellationToken);
        if (command.DryRun is not false)
        {
            return new RedriveDeadLettersResponse(command.Reason, DryRun: true, Redriven: 0, Remaining: inGroup);
        }

        var batch = await orders.FindFailedAsync(command.Reason, RedriveDeadLettersCommand.BatchSize, cancellationToken);
        var now = timeProvider.GetUtcNow();
        foreach (var order in batch)
        {
            OrderRedrive.Apply(order, audit, now);
        }

        return new RedriveDeadLettersResponse(command.Reason, DryRun: false, batch.Count, Math.Max(0, inGroup - batch.Count));
    }
}
