using Ardalis.Result;
using MediatR;
using Orders.Application.Abstractions.Operations;

namespace Orders.Application.Orders.GetDeadLetters;

internal sealed class GetDeadLettersQueryHandler(IDeadLetters deadLetters) : IRequestHandler<GetDeadLettersQuery, Result<DeadLettersReport>>
{
    public async Task<Result<DeadLettersReport>> Handle(GetDeadLettersQuery query, CancellationToken cancellationToken) =>
        await deadLetters.GroupsAsync(GetDeadLettersQuery.GroupsShown, cancellationToken);
}
