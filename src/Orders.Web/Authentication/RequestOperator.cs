using Orders.Application.Abstractions.Audit;

namespace Orders.Web.Authentication;

/// <summary>
/// The operator of the current request, by its key's id (<c>anonymous</c> when anonymous access acts as one); outside
/// a request only the operators' commands act.
/// </summary>
internal sealed class RequestOperator(IHttpContextAccessor httpContextAccessor) : IOperatorIdentity
{
    public const string Anonymous = "anonymous";

    public string Name => httpContextAccessor.HttpContext is { } context
        ? context.User.KeyId() ?? Anonymous
        : IOperatorIdentity.CommandLine;
}
