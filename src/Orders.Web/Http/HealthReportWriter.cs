using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Orders.Web.Http;

/// <summary>Readiness as JSON: the overall status and each check's, so an operator sees which one failed.</summary>
internal static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new { status = entry.Value.Status.ToString(), description = entry.Value.Description, data = entry.Value.Data }),
        });
}
