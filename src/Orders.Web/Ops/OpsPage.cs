namespace Orders.Web.Ops;

/// <summary>
/// The page for the people on call, at /ops: plain HTML, one script and one style sheet, embedded in the service (no
/// front-end build, nothing from another origin). The page itself needs no key; everything it shows comes from the
/// /ops JSON endpoints, behind its sign-in.
/// </summary>
internal static class OpsPage
{
    // Only this service's own files and calls, no inline script, no form submission without the script, never in a frame.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    private static readonly (string Path, string File, string ContentType)[] Files =
    [
        ("/ops", "ops.html", "text/html; charset=utf-8"),
        ("/ops/page.js", "ops.js", "text/javascript; charset=utf-8"),
        ("/ops/page.css", "ops.css", "text/css; charset=utf-8"),
    ];

    public static IEndpointRouteBuilder MapOpsPage(this IEndpointRouteBuilder endpoints)
    {
        foreach (var (path, file, contentType) in Files)
        {
            var content = Read(file);
            endpoints.MapGet(path, (HttpResponse response) =>
                {
                    response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                    response.Headers.XContentTypeOptions = "nosniff";
                    response.Headers["Referrer-Policy"] = "no-referrer";
                    response.Headers.CacheControl = "no-cache";
                    return Results.Bytes(content, contentType);
                })
                .AllowAnonymous()
                .ExcludeFromDescription();
        }

        return endpoints;
    }

    private static byte[] Read(string file)
    {
        using var stream = typeof(OpsPage).Assembly.GetManifestResourceStream($"ops/{file}")
            ?? throw new InvalidOperationException($"The /ops page's {file} is not embedded.");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}
