using System.Diagnostics;
using Orders.Infrastructure.Monitoring.Tracing;

namespace Orders.Infrastructure.Outbox.Relay;

/// <summary>
/// One span per delivered row, from its claim to its recorded outcome, in the trace stored with the row: an order's
/// messages continue the trace of the request that created the order, and link to the request that wrote the row when
/// that is another (a cancel's DELETE, a report's push). Each attempt is a span of its own in that trace, and what the
/// handler calls (the exchange over HTTP) is its child. Nothing is done while nothing listens.
/// </summary>
internal sealed class DeliverySpans(MessageRoutes routes)
{
    public Activity? Start(ClaimedOutboxMessage message)
    {
        if (!OrdersTracing.Source.HasListeners())
        {
            return null;
        }

        var (name, kind) = routes.SpanOf(message.Type);
        ActivityLink[]? links = null;
        if (!StoredTraceContext.TryParse(message.TraceParent, out var parent))
        {
            // Not an order's journey (or one from before traces): the row's cause, if known, is the parent; else a new trace.
            StoredTraceContext.TryParse(message.TraceLink, out parent);
            Activity.Current = null; // the relay run's own context flows here, and is no parent of the message's
        }
        else if (StoredTraceContext.TryParse(message.TraceLink, out var cause))
        {
            links = [new ActivityLink(cause)];
        }

        var span = OrdersTracing.Source.StartActivity(name, kind, parent, links: links);
        span?.SetTag("messaging.destination.name", message.Type)
            .SetTag("messaging.message.id", message.Id.ToString())
            .SetTag("messaging.message.conversation_id", message.OrderingKey) // an order's messages: the order's id
            .SetTag("outbox.attempt", message.Attempts);
        return span;
    }

    /// <summary>The outcome, and whether it was recorded (not when another relay took the claim over).</summary>
    public static void Finish(Activity? span, DispatchOutcome outcome, bool recorded)
    {
        if (span is null)
        {
            return;
        }

        span.SetTag("outbox.outcome", outcome switch
        {
            DispatchOutcome.Done => "done",
            DispatchOutcome.Retry => "retry",
            DispatchOutcome.NotAttempted => "not_attempted",
            DispatchOutcome.DeadLettered => "dead_lettered",
            _ => outcome.GetType().Name,
        });
        span.SetTag("outbox.recorded", recorded);
        var error = outcome switch
        {
            DispatchOutcome.Retry retry => retry.Error,
            DispatchOutcome.DeadLettered deadLettered => deadLettered.Reason,
            _ when !recorded => "The claim was lost to another relay",
            _ => null,
        };
        if (error is not null)
        {
            span.SetStatus(ActivityStatusCode.Error, error);
        }
    }

    /// <summary>The outcome could not be recorded.</summary>
    public static void Fail(Activity? span, Exception exception) =>
        span?.AddException(exception).SetStatus(ActivityStatusCode.Error, exception.Message);
}
