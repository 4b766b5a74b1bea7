using System.Runtime.CompilerServices;
using Ardalis.Result;
using MediatR;
using Orders.Application.Abstractions.Persistence;

namespace Orders.Application.Orders.StreamOrderEvents;

/// <summary>Answers with the stream itself: it is read, and ends, as its client reads it.</summary>
internal sealed class StreamOrderEventsQueryHandler(IOrderEventLog log)
    : IRequestHandler<StreamOrderEventsQuery, Result<IAsyncEnumerable<OrderEventResponse>>>
{
    public async Task<Result<IAsyncEnumerable<OrderEventResponse>>> Handle(StreamOrderEventsQuery query, CancellationToken cancellationToken)
    {
        // "From now on" is taken now, before the client is answered: a change it makes once it has its answer (the
        // stream's headers) is in its stream. The validator has run: an id sent is one of ours.
        OrderEventPosition after;
        if (query.LastEventId is null)
        {
            after = await log.NowAsync(cancellationToken);
        }
        else
        {
            OrderEventId.TryParse(query.LastEventId, out after);
        }

        return Result<IAsyncEnumerable<OrderEventResponse>>.Success(EventsAsync(after, query.AccountId, query.OrderId));
    }

    private async IAsyncEnumerable<OrderEventResponse> EventsAsync(OrderEventPosition after, Guid accountId, Guid? orderId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var logged in log.Follow(after, accountId, orderId, cancellationToken))
        {
            yield return new OrderEventResponse(OrderEventId.Format(logged.Position), logged.Data);
        }
    }
}
