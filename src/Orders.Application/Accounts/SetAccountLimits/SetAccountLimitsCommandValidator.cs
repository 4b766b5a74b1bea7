using FluentValidation;
using Orders.Domain.Accounts;

namespace Orders.Application.Accounts.SetAccountLimits;

internal sealed class SetAccountLimitsCommandValidator : AbstractValidator<SetAccountLimitsCommand>
{
    public SetAccountLimitsCommandValidator()
    {
        RuleFor(command => command.MaxQuantity).Must(AccountRules.IsValidMaxQuantity).WithMessage(AccountRules.MaxQuantityMessage);
        RuleFor(command => command.MaxNotional).Must(AccountRules.IsValidMaxNotional).WithMessage(AccountRules.MaxNotionalMessage);
    }
}
