using FluentValidation;
using Orders.Domain.Orders;

namespace Orders.Application.Orders.ListOrders;

internal sealed class ListOrdersQueryValidator : AbstractValidator<ListOrdersQuery>
{
    public ListOrdersQueryValidator()
    {
        RuleFor(query => query.Limit)
            .InclusiveBetween(1, ListOrdersQuery.MaxLimit)
            .WithMessage($"Parameter `limit` must be between 1 and {ListOrdersQuery.MaxLimit}");
        RuleFor(query => query.Cursor)
            .Must(cursor => OrderCursor.TryDecode(cursor!, out _)).When(query => query.Cursor is not null)
            .WithMessage("Parameter `cursor` is not a cursor this service returned");
        RuleFor(query => query.Status).IsInEnum().WithMessage("Parameter `status` must be one of pending, placed, partially_filled, filled, cancelling, cancelled, failed");
        RuleFor(query => query.Side).IsInEnum().WithMessage("Parameter `side` must be one of buy, sell");
        RuleFor(query => query.Instrument)
            .Must(OrderRules.IsValidInstrument).When(query => query.Instrument is not null)
            .WithMessage(OrderRules.InstrumentMessage);
        RuleFor(query => query.CreatedTo)
            .GreaterThan(query => query.CreatedFrom).When(query => query.CreatedFrom is not null && query.CreatedTo is not null)
            .WithMessage("Parameter `created_to` must be later than `created_from`");
    }
}
