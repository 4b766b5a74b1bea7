namespace Orders.Web.Http;

/// <summary>
/// The exact body an endpoint answers with when the service itself fails, where a client's contract
/// fixes it. Endpoints without it answer with RFC 9457 problem details.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ServiceErrorMessageAttribute(string message) : Attribute
{
    public string Message { get; } = message;
}
