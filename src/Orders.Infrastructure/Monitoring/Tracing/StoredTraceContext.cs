using System.Diagnostics;

namespace Orders.Infrastructure.Monitoring.Tracing;

/// <summary>
/// A W3C trace context as stored with an order and its outbox rows, so that work done later, elsewhere, continues the
/// trace of the request that caused it: the <c>traceparent</c>, then its <c>tracestate</c> after a space when there is
/// one (a traceparent holds no space).
/// </summary>
internal static class StoredTraceContext
{
    /// <summary>
    /// An aggregate's shadow property (and column) with the trace of its journey: the context of the request that created
    /// it, which the spans of its later messages continue.
    /// </summary>
    public const string JourneyProperty = "TraceParent";

    private const int TraceParentLength = 55; // version 00: "00-" 32 hex "-" 16 hex "-" 2 hex

    // The W3C limit of a tracestate header worth propagating; a longer one is dropped, as the specification allows.
    private const int MaxTraceStateLength = 512;

    public const int MaxLength = TraceParentLength + 1 + MaxTraceStateLength;

    /// <summary>The context of the current span, or null when there is none in W3C form.</summary>
    public static string? Current()
    {
        if (Activity.Current is not { IdFormat: ActivityIdFormat.W3C, Id: { Length: TraceParentLength } traceParent } activity)
        {
            return null;
        }

        return activity.TraceStateString is { Length: > 0 and <= MaxTraceStateLength } traceState ? $"{traceParent} {traceState}" : traceParent;
    }

    /// <summary>Reads a stored context; false for null or for anything that is not one.</summary>
    public static bool TryParse(string? stored, out ActivityContext context)
    {
        if (stored is null)
        {
            context = default;
            return false;
        }

        var space = stored.IndexOf(' ', StringComparison.Ordinal);
        return space < 0
            ? ActivityContext.TryParse(stored, traceState: null, isRemote: true, out context)
            : ActivityContext.TryParse(stored[..space], stored[(space + 1)..], isRemote: true, out context);
    }
}
