using FluentValidation;

namespace Orders.Application.Operations.GetAuditLog;

internal sealed class GetAuditLogQueryValidator : AbstractValidator<GetAuditLogQuery>
{
    public GetAuditLogQueryValidator() =>
        RuleFor(query => query.Limit)
            .InclusiveBetween(1, GetAuditLogQuery.MaxLimit)
            .WithMessage($"Parameter `limit` must be between 1 and {GetAuditLogQuery.MaxLimit}");
}
