namespace Orders.Domain.Abstractions;

/// <summary>A broken invariant: callers validate first, so reaching this is a bug, not a client error.</summary>
public sealed class DomainException(string message) : Exception(message)
{
    public static void Ensure(bool condition, string message)
    {
        if (!condition)
        {
            throw new DomainException(message);
        }
    }
}
