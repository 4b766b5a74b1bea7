using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Orders.IntegrationTests.Fixtures;

/// <summary>
/// Keeps the lines the service logs, to check what an operator would read: a sink of the service's own logger, so
/// it gets what passes the service's levels.
/// </summary>
public sealed class LogRecorder : ILogEventSink
{
    // A message as a plain-text line shows it: strings unquoted.
    private static readonly MessageTemplateTextFormatter MessageText = new("{Message:lj}", CultureInfo.InvariantCulture);

    private readonly ConcurrentQueue<LogLine> _lines = new();

    public IReadOnlyList<LogLine> Lines => [.. _lines];

    public void Emit(LogEvent logEvent)
    {
        using var message = new StringWriter(CultureInfo.InvariantCulture);
        MessageText.Format(logEvent, message);
        var category = logEvent.Properties.TryGetValue(Constants.SourceContextPropertyName, out var source) ? ((ScalarValue)source).Value as string : null;
        _lines.Enqueue(new LogLine(logEvent.Level, category ?? "", message.ToString(), logEvent.Exception, logEvent.Properties, logEvent.TraceId));
    }
}

public sealed record LogLine(
    LogEventLevel Level,
    string Category,
    string Message,
    Exception? Exception,
    IReadOnlyDictionary<string, LogEventPropertyValue> Properties,
    ActivityTraceId? TraceId)
{
    /// <summary>A scalar property's value (a number, a string, an id), or null if the line has no such property.</summary>
    public object? Property(string name) => Properties.TryGetValue(name, out var value) ? ((ScalarValue)value).Value : null;

    public override string ToString() => $"{Level} {Category}: {Message}{(Exception is null ? "" : $" ({Exception.GetType().Name}: {Exception.Message})")}";
}
