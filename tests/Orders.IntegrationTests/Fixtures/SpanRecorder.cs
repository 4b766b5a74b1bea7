using System.Collections.Concurrent;
using System.Diagnostics;
using Orders.Infrastructure.Monitoring.Tracing;

namespace Orders.IntegrationTests.Fixtures;

/// <summary>
/// Listens, as an OpenTelemetry set-up would, to the service's own spans and to ASP.NET Core's server spans, and keeps
/// those that ended; a test reads the spans of one trace. Listening is process-wide: other tests' spans come in too,
/// so a test starts its requests in traces of its own (<see cref="NewTrace"/>) and looks only there.
/// </summary>
internal sealed class SpanRecorder : IDisposable
{
    private const string AspNetCore = "Microsoft.AspNetCore";

    private readonly ConcurrentQueue<Activity> _ended = new();
    private readonly ActivityListener _listener;

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is AspNetCore or OrdersTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _ended.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>A new trace, and the <c>traceparent</c> header of a caller in it: the server span of a request that sends it joins that trace.</summary>
    public static (ActivityTraceId TraceId, string TraceParent) NewTrace()
    {
        var traceId = ActivityTraceId.CreateRandom();
        return (traceId, $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
    }

    public static bool IsServerSpan(Activity span) => span.Source.Name == AspNetCore && span.Kind == ActivityKind.Server;

    public static Func<Activity, bool> OrdersSpan(string name) => span => span.Source.Name == OrdersTracing.SourceName && span.DisplayName == name;

    /// <summary>The ended spans of a trace, once <paramref name="complete"/> holds for them (polled until a deadline).</summary>
    public async Task<IReadOnlyList<Activity>> InTraceAsync(ActivityTraceId traceId, Func<IReadOnlyList<Activity>, bool> complete, string what)
    {
        IReadOnlyList<Activity> spans = [];
        await Eventually.HoldsAsync(
            () =>
            {
                spans = [.. _ended.Where(span => span.TraceId == traceId)];
                return Task.FromResult(complete(spans));
            },
            TimeSpan.FromSeconds(30),
            what);
        return spans;
    }

    public void Dispose() => _listener.Dispose();
}
