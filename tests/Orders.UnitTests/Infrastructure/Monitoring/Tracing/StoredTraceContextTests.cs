using System.Diagnostics;
using Orders.Infrastructure.Monitoring.Tracing;

namespace Orders.UnitTests.Infrastructure.Monitoring.Tracing;

public sealed class StoredTraceContextTests
{
    [Fact]
    public void The_current_spans_context_is_stored_with_its_tracestate_and_read_back_whole()
    {
        using var span = new Activity("request").Start();
        span.TraceStateString = "vendor=a b,other=c";

        var stored = StoredTraceContext.Current();

        stored.ShouldBe($"{span.Id} vendor=a b,other=c");
        StoredTraceContext.TryParse(stored, out var context).ShouldBeTrue();
        (context.TraceId, context.SpanId, context.TraceFlags, context.TraceState, context.IsRemote)
            .ShouldBe((span.TraceId, span.SpanId, span.ActivityTraceFlags, "vendor=a b,other=c", true));
    }

    [Fact]
    public void A_tracestate_over_the_W3C_limit_is_dropped_and_the_traceparent_kept()
    {
        using var span = new Activity("request").Start();
        span.TraceStateString = "vendor=" + new string('x', 510);

        StoredTraceContext.Current().ShouldBe(span.Id);
    }

    [Fact]
    public void Without_a_W3C_span_nothing_is_stored_and_nothing_else_reads_as_a_context()
    {
        StoredTraceContext.Current().ShouldBeNull();
        using (new Activity("hierarchical").SetIdFormat(ActivityIdFormat.Hierarchical).Start())
        {
            StoredTraceContext.Current().ShouldBeNull();
        }

        StoredTraceContext.TryParse(null, out _).ShouldBeFalse();
        StoredTraceContext.TryParse("00-not-a-traceparent", out _).ShouldBeFalse();
    }
}
