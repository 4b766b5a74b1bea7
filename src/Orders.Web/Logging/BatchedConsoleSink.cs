using System.Text;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace Orders.Web.Logging;

/// <summary>
/// Writes batches of lines to the standard output through one buffered writer, flushed once a batch. Serilog's own
/// batching (<c>WriteTo.Sink(IBatchedLogEventSink, BatchingOptions)</c>) queues the events on a channel: a request only
/// adds its line, where a queue with a semaphore woke the writer under a contended lock for every line, and a console
/// writer flushed every line with a system call of its own (bench/RESULTS.md).
/// </summary>
internal sealed class BatchedConsoleSink(ITextFormatter formatter) : IBatchedLogEventSink, IDisposable
{
    private readonly StreamWriter _output = new(Console.OpenStandardOutput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024);

    public async Task EmitBatchAsync(IReadOnlyCollection<LogEvent> batch)
    {
        foreach (var logEvent in batch)
        {
            formatter.Format(logEvent, _output);
        }

        await _output.FlushAsync();
    }

    public void Dispose() => _output.Dispose();
}
