using FluentValidation;

namespace Orders.Application.Orders.StreamOrderEvents;

internal sealed class StreamOrderEventsQueryValidator : AbstractValidator<StreamOrderEventsQuery>
{
    public StreamOrderEventsQueryValidator()
    {
        RuleFor(query => query.LastEventId)
            .Must(id => OrderEventId.TryParse(id!, out _)).When(query => query.LastEventId is not null)
            .OverridePropertyName(StreamOrderEventsQuery.LastEventIdHeader)
            .WithMessage($"Header `{StreamOrderEventsQuery.LastEventIdHeader}` must be the id of an event this stream sent");
    }
}
