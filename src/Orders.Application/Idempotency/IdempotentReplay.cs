namespace Orders.Application.Idempotency;

/// <summary>
/// Whether the request being served was answered with an earlier request's response (same key, same content)
/// rather than carried out. Not part of the result: a replay succeeds like the original did, and only the caller
/// that writes the answer says it repeats one. One per request scope; the idempotency behavior marks it.
/// </summary>
public sealed class IdempotentReplay
{
    public bool Replayed { get; private set; }

    internal void Mark() => Replayed = true;
}
