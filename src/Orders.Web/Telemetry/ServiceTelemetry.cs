using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orders.Application.Telemetry;
using Orders.Web.Authentication;

namespace Orders.Web.Telemetry;

/// <summary>
/// OpenTelemetry: the service's own meter and activity source, ASP.NET Core, HttpClient and Npgsql; metrics scraped at
/// /metrics by an operator's key, and both signals sent over OTLP when a collector is named. All or nothing, by
/// <see cref="TelemetryOptions.Enabled"/>.
/// </summary>
internal static class ServiceTelemetry
{
    private const string DefaultServiceName = "orders";

    private static readonly PathString MetricsPath = "/metrics";
    private static readonly PathString HealthProbes = "/health";

    public static WebApplicationBuilder AddServiceTelemetry(this WebApplicationBuilder builder)
    {
        var options = OptionsOf(builder.Configuration);
        if (!options.Enabled)
        {
            return builder;
        }

        var exportOtlp = options.Endpoint is not null || !string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? DefaultServiceName))
            .WithTracing(tracing =>
            {
                tracing
                    .AddSource(OrdersTelemetry.Name)
                    // Scrapes and probes come every few seconds and say nothing about an order.
                    .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context =>
                        !context.Request.Path.StartsWithSegments(MetricsPath) && !context.Request.Path.StartsWithSegments(HealthProbes))
                    .AddHttpClientInstrumentation()
                    .AddNpgsql();
                if (exportOtlp)
                {
                    tracing.AddOtlpExporter(otlp => ToCollector(otlp, options));
                }
            })
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(OrdersTelemetry.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddNpgsqlInstrumentation()
                    .AddPrometheusExporter();
                if (exportOtlp)
                {
                    metrics.AddOtlpExporter(otlp => ToCollector(otlp, options));
                }
            });
        return builder;
    }

    /// <summary>/metrics in Prometheus' text format, for operators' keys (Prometheus sends one); not rate limited.</summary>
    public static WebApplication MapMetrics(this WebApplication app)
    {
        if (OptionsOf(app.Configuration).Enabled)
        {
            app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(Caller.OperatorPolicy);
        }

        return app;
    }

    private static TelemetryOptions OptionsOf(IConfiguration configuration) =>
        configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();

    // The exporter reads the standard OTEL_EXPORTER_OTLP_* variables itself; OpenTelemetry:Endpoint names the collector over them.
    private static void ToCollector(OtlpExporterOptions otlp, TelemetryOptions options)
    {
        if (options.Endpoint is { } endpoint)
        {
            otlp.Endpoint = endpoint;
        }
    }
}
