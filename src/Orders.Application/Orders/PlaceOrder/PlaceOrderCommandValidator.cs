using FluentValidation;
using Orders.Application.Validation;
using Orders.Domain.Orders;

namespace Orders.Application.Orders.PlaceOrder;

internal sealed class PlaceOrderCommandValidator : AbstractValidator<PlaceOrderCommand>
{
    public PlaceOrderCommandValidator()
    {
        RuleFor(command => command.Type).NotNull().WithMessage(ValidationMessages.Required);
        RuleFor(command => command.Side).NotNull().WithMessage(ValidationMessages.Required);

        RuleFor(command => command.Instrument)
            .NotNull().WithMessage(ValidationMessages.Required)
            .Must(OrderRules.IsValidInstrument).When(command => command.Instrument is not null, ApplyConditionTo.CurrentValidator)
            .WithMessage(OrderRules.InstrumentMessage);

        RuleFor(command => command.Quantity)
            .NotNull().WithMessage(ValidationMessages.Required)
            .Must(quantity => OrderRules.IsValidQuantity(quantity!.Value)).When(command => command.Quantity is not null, ApplyConditionTo.CurrentValidator)
            .WithMessage(OrderRules.QuantityMessage);

        When(command => command.Type == OrderType.Limit, () =>
            RuleFor(command => command.LimitPrice)
                .NotNull().WithMessage(OrderRules.LimitPriceRequiredMessage)
                .Must(price => OrderRules.IsValidLimitPrice(price!.Value)).When(command => command.LimitPrice is not null, ApplyConditionTo.CurrentValidator)
                .WithMessage(OrderRules.LimitPriceMessage));

        When(command => command.Type == OrderType.Market, () =>
            RuleFor(command => command.LimitPrice).Null().WithMessage(OrderRules.LimitPriceProhibitedMessage));
    }
}
