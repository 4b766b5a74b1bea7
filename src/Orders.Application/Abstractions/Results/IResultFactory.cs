namespace Orders.Application.Abstractions.Results;

/// <summary>Lets a pipeline behavior build a failed result of whatever result type a request returns.</summary>
public interface IResultFactory<out TSelf>
    where TSelf : IResultFactory<TSelf>
{
    static abstract TSelf Invalid(IReadOnlyDictionary<string, string[]> errors);

    bool IsSuccess { get; }
}
