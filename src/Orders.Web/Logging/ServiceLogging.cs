using System.Globalization;
using Serilog;
using Serilog.Formatting.Compact;

namespace Orders.Web.Logging;

/// <summary>Serilog, with its levels from the "Serilog" section, writing to the console.</summary>
internal static class ServiceLogging
{
    /// <summary>
    /// Plain text: the message, the properties it does not show (e.g. the source), then the trace and span ids, which tie
    /// a line to its request (empty outside one).
    /// </summary>
    private const string TextTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j} {TraceId} {SpanId}{NewLine}{Exception}";

    public static WebApplicationBuilder AddServiceLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog(
            (services, logger) =>
            {
                // Sinks and enrichers registered as services join the console (the tests' recorder is one).
                logger.ReadFrom.Configuration(builder.Configuration).ReadFrom.Services(services).Enrich.FromLogContext();
                if (builder.Configuration.GetValue<bool>("Logging:Json"))
                {
                    // The template (@mt) rather than the rendered text: one key for every line of a kind, and no
                    // message to render per request.
                    logger.WriteTo.Console(new CompactJsonFormatter());
                }
                else
                {
                    logger.WriteTo.Console(outputTemplate: TextTemplate, formatProvider: CultureInfo.InvariantCulture);
                }
            },
            // The static Log.Logger is one per process: hosts sharing a process (the tests start many) would write
            // through whichever set it last, and the first to stop would silence the others.
            preserveStaticLogger: true);
        return builder;
    }
}
