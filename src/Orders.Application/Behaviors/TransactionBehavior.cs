using Ardalis.Result;
using MediatR;
using Orders.Application.Abstractions.Messaging;
using Orders.Application.Abstractions.Persistence;

namespace Orders.Application.Behaviors;

/// <summary>
/// Innermost behavior, commands only: one transaction around the handler, committed only when the
/// handler succeeds. A transaction that is already open is joined rather than nested.
/// </summary>
internal sealed class TransactionBehavior<TRequest, TResponse>(IUnitOfWork unitOfWork)
    : IPipelineBehavior<TRequest, TResponse>
    where TRequest : ICommand
    where TResponse : IResult
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (unitOfWork.HasActiveTransaction)
        {
            return await next();
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var transaction = await unitOfWork.BeginTransactionAsync(cancellationToken);
                var response = await next();
                if (ResponseResult<TResponse>.IsSuccess(response))
                {
                    await transaction.CommitAsync(cancellationToken);
                }

                return response;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                // Another transaction changed the order first (a placement recorded while a cancel decided): the
                // command decides again on what is stored now, instead of failing the request.
            }
        }
    }

    private const int MaxAttempts = 3;
}
