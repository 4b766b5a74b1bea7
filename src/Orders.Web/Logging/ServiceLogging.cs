using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Serilog;
using Serilog.Configuration;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;

namespace Orders.Web.Logging;

/// <summary>Serilog, with its levels from the "Serilog" section, writing to the console; and one line per request.</summary>
internal static class ServiceLogging
{
    /// <summary>
    /// Plain text: the message, the properties it does not show (a request line's OrderId, the source), then the trace
    /// and span ids, which tie a line to its request (empty outside one).
    /// </summary>
    private const string TextTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j} {TraceId} {SpanId}{NewLine}{Exception}";

    private static readonly PathString HealthProbes = "/health";

    // A line is written at most a tenth of a second after it is logged; the queue holds Serilog's default 100,000 lines.
    private static readonly BatchingOptions ConsoleBatches = new() { BufferingTimeLimit = TimeSpan.FromMilliseconds(100) };

    public static WebApplicationBuilder AddServiceLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog(
            (services, logger) =>
            {
                // Sinks and enrichers registered as services join the console (the tests' recorder is one).
                logger.ReadFrom.Configuration(builder.Configuration).ReadFrom.Services(services).Enrich.FromLogContext();
                // The console is written in batches by Serilog's batching worker: a request only queues its line.
                // A full queue makes writers wait rather than drop lines; a killed process loses the lines still queued.
                ITextFormatter formatter = builder.Configuration.GetValue<bool>("Logging:Json")
                    // The template (@mt) rather than the rendered text: one key for every line of a kind, and no
                    // message to render per request.
                    ? new CompactJsonFormatter()
                    : new MessageTemplateTextFormatter(TextTemplate, CultureInfo.InvariantCulture);
                logger.WriteTo.Sink(new BatchedConsoleSink(formatter), ConsoleBatches);
            },
            // The static Log.Logger is one per process: hosts sharing a process (the tests start many) would write
            // through whichever set it last, and the first to stop would silence the others.
            preserveStaticLogger: true);
        builder.Services.Configure<MvcOptions>(options => options.Filters.Add<OrderIdInRequestLog>());
        return builder;
    }

    /// <summary>One line per request when it completes; ahead of the exception handler, so the line has the status the client got.</summary>
    public static WebApplication UseRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(options =>
        {
            // The static logger is not this host's (above).
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();

            // Probes come every few seconds: at debug, they stay out of the log unless asked for.
            var level = options.GetLevel;
            options.GetLevel = (context, elapsed, exception) =>
                context.Request.Path.StartsWithSegments(HealthProbes) ? LogEventLevel.Debug : level(context, elapsed, exception);
        });
        return app;
    }
}
