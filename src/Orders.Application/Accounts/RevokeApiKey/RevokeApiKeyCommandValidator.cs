using FluentValidation;
using Orders.Domain.Accounts;

namespace Orders.Application.Accounts.RevokeApiKey;

internal sealed class RevokeApiKeyCommandValidator : AbstractValidator<RevokeApiKeyCommand>
{
    public RevokeApiKeyCommandValidator() =>
        RuleFor(command => command.KeyId).Must(ApiKey.IsValidId).WithMessage(AccountRules.KeyIdMessage);
}
