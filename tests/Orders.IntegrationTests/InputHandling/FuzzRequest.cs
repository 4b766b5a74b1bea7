using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Primitives;
using Orders.IntegrationTests.Fixtures;

namespace Orders.IntegrationTests.InputHandling;

/// <summary>
/// A generated request; whether it is valid, and the status a valid one gets; the changes that made it what
/// it is, for the failure report.
/// </summary>
internal sealed record FuzzRequest(
    string Method,
    string PathAndQuery,
    IReadOnlyList<(string Name, StringValues Values)> Headers,
    byte[] Body,
    int BytesPerRead,
    bool IsValid,
    int SuccessStatus,
    IReadOnlyList<string> Changes)
{
    /// <summary>Whether the service stores an order when it accepts this request.</summary>
    public bool Places => Method == HttpMethods.Post && PathAndQuery == "/orders";

    // Through the test server as given: HttpClient drops or refuses repeated and malformed headers.
    public Task<HttpContext> SendAsync(TestServer server) =>
        server.SendAsync(
            http =>
            {
                var query = PathAndQuery.IndexOf('?', StringComparison.Ordinal);
                http.Request.Method = Method;
                http.Request.Path = PathString.FromUriComponent(query < 0 ? PathAndQuery : PathAndQuery[..query]);
                http.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(PathAndQuery[query..]);
                foreach (var (name, values) in Headers)
                {
                    http.Request.Headers[name] = values;
                }

                http.Request.Body = new TrickleStream(Body, BytesPerRead);
            },
            TestContext.Current.CancellationToken);

    public override string ToString()
    {
        var text = new StringBuilder($"{Method} {PathAndQuery} ({(IsValid ? $"valid: {SuccessStatus}" : "invalid")})");
        foreach (var (name, values) in Headers)
        {
            text.Append($"\n{name}: ").AppendJoin(" | ", values.Select(value => Printable(Encoding.UTF8.GetBytes(value ?? ""))));
        }

        text.Append($"\nbody, {Body.Length} bytes, {BytesPerRead} a read: {Printable(Body)}");
        return text.Append("\nchanges: ").AppendJoin("; ", Changes).ToString();
    }

    private static string Printable(byte[] bytes)
    {
        var shown = bytes.Length > 400 ? bytes[..400] : bytes;
        var text = string.Concat(shown.Select(b => b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"\\x{b:X2}"));
        return bytes.Length > shown.Length ? $"{text}... ({bytes.Length - shown.Length} more bytes)" : text;
    }
}
