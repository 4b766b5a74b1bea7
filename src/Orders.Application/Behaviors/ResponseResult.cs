using System.Reflection;
using Ardalis.Result;

namespace Orders.Application.Behaviors;

/// <summary>
/// The Ardalis <see cref="Result{T}"/> a request answers with, for behaviors that know it only as their response
/// type: its value's type, whether it succeeded, and how to build an Invalid or a successful one. Bound once per
/// response type, so a request pays for no reflection.
/// </summary>
internal static class ResponseResult<TResponse>
    where TResponse : IResult
{
    /// <summary>The type of the value a successful result carries.</summary>
    public static readonly Type ValueType = ValueTypeOf(typeof(TResponse));

    private static readonly Func<TResponse, bool> IsSuccessOf = Bind<Func<TResponse, bool>>(nameof(IsSuccessOfResult));
    private static readonly Func<IEnumerable<ValidationError>, TResponse> InvalidOf = Bind<Func<IEnumerable<ValidationError>, TResponse>>(nameof(InvalidResult));
    private static readonly Func<object, TResponse> SuccessOf = Bind<Func<object, TResponse>>(nameof(SuccessResult));

    public static bool IsSuccess(TResponse response) => IsSuccessOf(response);

    public static TResponse Invalid(IEnumerable<ValidationError> errors) => InvalidOf(errors);

    public static TResponse Success(object value) => SuccessOf(value);

    private static bool IsSuccessOfResult<T>(TResponse response) => ((Result<T>)(IResult)response).IsSuccess;

    private static TResponse InvalidResult<T>(IEnumerable<ValidationError> errors) => (TResponse)(IResult)Result<T>.Invalid(errors);

    private static TResponse SuccessResult<T>(object value) => (TResponse)(IResult)Result<T>.Success((T)value);

    private static TDelegate Bind<TDelegate>(string method)
        where TDelegate : Delegate =>
        typeof(ResponseResult<TResponse>).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(ValueType).CreateDelegate<TDelegate>();

    private static Type ValueTypeOf(Type response) =>
        response.IsGenericType && response.GetGenericTypeDefinition() == typeof(Result<>)
            ? response.GetGenericArguments()[0]
            : throw new InvalidOperationException($"A request must answer with a Result<T>, not a {response}.");
}
