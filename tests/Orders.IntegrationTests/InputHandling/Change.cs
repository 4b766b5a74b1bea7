namespace Orders.IntegrationTests.InputHandling;

/// <summary>A change made to one part of a generated request, and whether the request is still valid after it.</summary>
internal sealed record Change<T>(string Description, bool KeepsValid, Func<T, T> Apply);

internal static class Change
{
    public static Change<T> Valid<T>(string description, Func<T, T> apply) => new(description, true, apply);

    public static Change<T> Invalid<T>(string description, Func<T, T> apply) => new(description, false, apply);

    /// <summary>A part that is set, not changed: a header's values.</summary>
    public static Change<T> To<T>(string description, bool keepsValid, T value) => new(description, keepsValid, _ => value);
}
