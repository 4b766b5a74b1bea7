namespace Orders.Application.Results;

/// <summary>Lets a pipeline behavior build and read results of whatever result type a request returns.</summary>
public interface IResultFactory<TSelf>
    where TSelf : IResultFactory<TSelf>
{
    /// <summary>The type of the value a successful result carries.</summary>
    static abstract Type ValueType { get; }

    static abstract TSelf Invalid(IReadOnlyDictionary<string, string[]> errors);

    /// <summary>A success that repeats an earlier one (an idempotent replay) rather than doing the work again.</summary>
    static abstract TSelf Replay(object value);

    bool IsSuccess { get; }

    object? BoxedValue { get; }
}
