using FluentValidation;
using Orders.Application.Validation;
using Orders.Domain.Orders;

namespace Orders.Application.Orders.RedriveDeadLetters;

internal sealed class RedriveDeadLettersCommandValidator : AbstractValidator<RedriveDeadLettersCommand>
{
    public RedriveDeadLettersCommandValidator()
    {
        RuleFor(command => command.Reason)
            .NotEmpty().WithMessage(ValidationMessages.Required)
            .MaximumLength(OrderRules.ReasonLength).WithMessage($"Attribute `reason` must be a dead-letter group's reason, at most {OrderRules.ReasonLength} characters");

        // Required, so that a forgotten dry run re-drives nothing.
        RuleFor(command => command.DryRun).NotNull().WithMessage(ValidationMessages.Required);
    }
}
