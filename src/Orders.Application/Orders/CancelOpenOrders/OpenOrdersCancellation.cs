using Ardalis.Result;
using MediatR;

namespace Orders.Application.Orders.CancelOpenOrders;

/// <summary>A whole mass cancel: its command sent batch after batch until one finds no open order.</summary>
public static class OpenOrdersCancellation
{
    /// <summary>A transaction per batch; what earlier batches cancelled stays cancelled if a later one fails.</summary>
    public static async Task<Result<CancelOpenOrdersResponse>> CancelAllAsync(this IMediator mediator, CancelOpenOrdersCommand command, CancellationToken cancellationToken)
    {
        var ended = CancelOpenOrdersResponse.None;
        while (true)
        {
            var batch = await mediator.Send(command, cancellationToken);
            if (!batch.IsSuccess || !batch.Value.More)
            {
                return batch.Map(last => ended.And(last.Orders));
            }

            ended = ended.And(batch.Value.Orders);
        }
    }
}
