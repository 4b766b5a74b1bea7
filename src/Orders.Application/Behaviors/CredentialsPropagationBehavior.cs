using Ardalis.Result;
using MediatR;
using Orders.Application.Abstractions.Accounts;

namespace Orders.Application.Behaviors;

/// <summary>
/// Outside the transaction, commands that change a key or an account only: once the change is committed, the command
/// answers only after it has reached every instance.
/// </summary>
internal sealed class CredentialsPropagationBehavior<TRequest, TResponse>(ICredentialsPropagation propagation)
    : IPipelineBehavior<TRequest, TResponse>
    where TRequest : IChangesCredentials
    where TResponse : IResult
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var response = await next();
        if (ResponseResult<TResponse>.IsSuccess(response))
        {
            await propagation.AwaitAsync(cancellationToken);
        }

        return response;
    }
}
