using FluentValidation;
using Orders.Application.Abstractions.Exchange;
using Orders.Application.Validation;
using Orders.Domain.Orders;

namespace Orders.Application.Executions.ReceiveExecutionReport;

/// <summary>
/// What the inbox cannot keep or the order could never apply is refused before it is stored; whether the report fits
/// its order (known, not overfilled) is decided when it is applied, and parked if not.
/// </summary>
internal sealed class ReceiveExecutionReportCommandValidator : AbstractValidator<ReceiveExecutionReportCommand>
{
    public ReceiveExecutionReportCommandValidator()
    {
        // Named as the report's own fields, so that a refusal names the field as the sender wrote it.
        RuleFor(command => command.Report.SessionId).Must(OrderRules.IsValidExchangeId).WithMessage(ValidationMessages.SessionIdMessage)
            .OverridePropertyName(nameof(ExecutionReport.SessionId));
        RuleFor(command => command.Report.Sequence).GreaterThan(0).WithMessage(ValidationMessages.SequenceMessage)
            .OverridePropertyName(nameof(ExecutionReport.Sequence));
        RuleFor(command => command.Report.ExecutionId).Must(OrderRules.IsValidExchangeId).WithMessage(OrderRules.ExecutionIdMessage)
            .OverridePropertyName(nameof(ExecutionReport.ExecutionId));
        RuleFor(command => command.Report.ClientOrderId).NotEmpty().WithMessage(ValidationMessages.Required)
            .OverridePropertyName(nameof(ExecutionReport.ClientOrderId));
        RuleFor(command => command.Report.ExchangeOrderId).Must(OrderRules.IsValidExchangeId).WithMessage(OrderRules.ExchangeOrderIdMessage)
            .OverridePropertyName(nameof(ExecutionReport.ExchangeOrderId));
        RuleFor(command => command.Report.Kind).IsInEnum().WithMessage(ValidationMessages.KindMessage)
            .OverridePropertyName(nameof(ExecutionReport.Kind));
        RuleFor(command => command.Report.CumulativeQuantity).GreaterThanOrEqualTo(0).WithMessage(ValidationMessages.NotNegativeMessage)
            .OverridePropertyName(nameof(ExecutionReport.CumulativeQuantity));
        RuleFor(command => command.Report.LeavesQuantity).GreaterThanOrEqualTo(0).WithMessage(ValidationMessages.NotNegativeMessage)
            .OverridePropertyName(nameof(ExecutionReport.LeavesQuantity));

        When(command => command.Report.Kind == ExecutionKind.Fill, () =>
        {
            RuleFor(command => command.Report.LastQuantity).Must(OrderRules.IsValidQuantity).WithMessage(OrderRules.FillQuantityMessage)
                .OverridePropertyName(nameof(ExecutionReport.LastQuantity));
            RuleFor(command => command.Report.LastPrice).Must(OrderRules.IsValidFillPrice).WithMessage(OrderRules.FillPriceMessage)
                .OverridePropertyName(nameof(ExecutionReport.LastPrice));
        });
    }
}
