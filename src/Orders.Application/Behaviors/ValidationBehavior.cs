using Ardalis.Result;
using FluentValidation;
using MediatR;

namespace Orders.Application.Behaviors;

/// <summary>Runs the request's validators; a failure becomes an Invalid result and the handler never runs.</summary>
internal sealed class ValidationBehavior<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
    where TResponse : IResult
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(request, cancellationToken);
            failures.AddRange(result.Errors);
        }

        if (failures.Count == 0)
        {
            return await next();
        }

        // Any failure refuses the request, whatever severity its rule gave it.
        var errors = failures
            .DistinctBy(failure => (failure.PropertyName, failure.ErrorMessage))
            .Select(failure => new ValidationError(failure.PropertyName, failure.ErrorMessage, failure.ErrorCode, ValidationSeverity.Error))
            .ToList();
        return ResponseResult<TResponse>.Invalid(errors);
    }
}
