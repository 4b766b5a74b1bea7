using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

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

    public static WebApplicationBuilder AddServiceLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog(
            (services, logger) =>
            {
                // Sinks and enrichers registered as services join the console (the tests' recorder is one).
                logger.ReadFrom.Configuration(builder.Configuration).ReadFrom.Services(services).Enrich.FromLogContext();
                // The console is written by a background worker: a request only queues its line, instead of waiting
                // for a write to the console under the sink's lock. A full queue makes writers wait rather than drop
                // lines; a killed process loses the lines still queued.
                var json = builder.Configuration.GetValue<bool>("Logging:Json");
                logger.WriteTo.Async(
                    console =>
                    {
                        if (json)
                        {
                            // The template (@mt) rather than the rendered text: one key for every line of a kind, and
                            // no message to render per request.
                            console.Console(new CompactJsonFormatter());
                        }
                        else
                        {
                            console.Console(outputTemplate: TextTemplate, formatProvider: CultureInfo.InvariantCulture);
                        }
                    },
                    blockWhenFull: true);
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
