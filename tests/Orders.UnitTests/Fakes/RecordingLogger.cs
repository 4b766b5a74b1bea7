using Microsoft.Extensions.Logging;

namespace Orders.UnitTests.Fakes;

/// <summary>Writes each log line as "Level: message" (plus the exception, if any) into a list shared with other fakes.</summary>
internal sealed class RecordingLogger<T>(List<string> lines) : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        lines.Add(exception is null
            ? $"{logLevel}: {formatter(state, exception)}"
            : $"{logLevel}: {formatter(state, exception)} ({exception.GetType().Name}: {exception.Message})");
}

internal sealed class RecordingLoggerProvider(List<string> lines) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new RecordingLogger<object>(lines);

    public void Dispose()
    {
    }
}
