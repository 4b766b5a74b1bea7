namespace Orders.Application.Results;

/// <summary>
/// The outcome of a use case: a value, or an expected failure (invalid input, not found, conflict).
/// Unexpected failures stay exceptions. Orders.Web maps every status to HTTP in one place.
/// </summary>
public sealed class Result<T> : IResultFactory<Result<T>>
{
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    private Result(
        ResultStatus status,
        T? value,
        string? detail,
        IReadOnlyDictionary<string, string[]> errors,
        bool isReplay = false)
    {
        Status = status;
        Value = value;
        Detail = detail;
        Errors = errors;
        IsReplay = isReplay;
    }

    public static Type ValueType => typeof(T);

    public ResultStatus Status { get; }

    /// <summary>Set when <see cref="Status"/> is <see cref="ResultStatus.Ok"/>.</summary>
    public T? Value { get; }

    /// <summary>A human-readable explanation of a failure.</summary>
    public string? Detail { get; }

    /// <summary>Field errors of an <see cref="ResultStatus.Invalid"/> result, keyed by the request's property name.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>The value repeats the outcome of an earlier, identical request (same idempotency key).</summary>
    public bool IsReplay { get; }

    public bool IsSuccess => Status == ResultStatus.Ok;

    public object? BoxedValue => Value;

    public static Result<T> Ok(T value) => new(ResultStatus.Ok, value, null, NoErrors);

    public static Result<T> Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(ResultStatus.Invalid, default, "One or more fields are invalid.", errors);

    public static Result<T> NotFound(string detail) => new(ResultStatus.NotFound, default, detail, NoErrors);

    public static Result<T> Conflict(string detail) => new(ResultStatus.Conflict, default, detail, NoErrors);

    public static Result<T> Replay(object value) => new(ResultStatus.Ok, (T)value, null, NoErrors, isReplay: true);

    public static implicit operator Result<T>(T value) => Ok(value);
}
