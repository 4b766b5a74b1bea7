using FluentValidation;
using Orders.Domain.Accounts;

namespace Orders.Application.Accounts.CreateAccount;

internal sealed class CreateAccountCommandValidator : AbstractValidator<CreateAccountCommand>
{
    public CreateAccountCommandValidator() =>
        RuleFor(command => command.Name).Must(AccountRules.IsValidName).WithMessage(AccountRules.NameMessage);
}
