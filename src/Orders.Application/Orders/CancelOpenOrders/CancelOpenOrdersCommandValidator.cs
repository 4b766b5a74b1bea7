using FluentValidation;
using Orders.Domain.Orders;

namespace Orders.Application.Orders.CancelOpenOrders;

internal sealed class CancelOpenOrdersCommandValidator : AbstractValidator<CancelOpenOrdersCommand>
{
    public CancelOpenOrdersCommandValidator() =>
        RuleFor(command => command.Instrument)
            .Must(OrderRules.IsValidInstrument).When(command => command.Instrument is not null)
            .WithMessage(OrderRules.InstrumentMessage);
}
