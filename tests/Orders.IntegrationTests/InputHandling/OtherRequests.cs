using CsCheck;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Orders.IntegrationTests.InputHandling;

/// <summary>
/// Requests for what the service does not offer: other methods on /orders (DELETE is the mass cancel), ids that are no order's. (A NUL in
/// the path is refused by the server before the service sees it, and by the test server too.)
/// </summary>
internal static class OtherRequests
{
    public static readonly Gen<FuzzRequest> Any = Gen.OneOf(
        Gen.OneOf(HttpMethods.Put, HttpMethods.Patch).Select(method => Request(method, "/orders")),
        Gen.OneOf(Gen.Guid.Select(id => id.ToString()), Gen.OneOf("not-a-uuid", "%FF", "%01", "1", "%2F")).Select(id => Request(HttpMethods.Get, $"/orders/{id}")));

    private static FuzzRequest Request(string method, string path) =>
        new(method, path, [("Content-Type", new StringValues("application/json"))], "{}"u8.ToArray(), 1, false, 0, [$"{method} {path}"]);
}
