namespace Orders.Application.Idempotency;

/// <summary>A command a client may safely retry under the same idempotency key.</summary>
public interface IIdempotentCommand
{
    /// <summary>The caller's account: a key is the account's own, so two accounts' requests never share one.</summary>
    Guid AccountId { get; }

    /// <summary>The client's key for this request, or null when the client gave none.</summary>
    string? IdempotencyKey { get; }

    /// <summary>
    /// The request's content in a canonical text form: equal for requests that mean the same thing,
    /// whatever their JSON spacing or property order.
    /// </summary>
    string CanonicalContent();
}
