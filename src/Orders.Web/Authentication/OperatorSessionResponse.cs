namespace Orders.Web.Authentication;

/// <summary>Who the /ops page acts as: the operator key's id (null when anonymous access acts as an operator).</summary>
internal sealed record OperatorSessionResponse(string? KeyId);
