using System.Linq.Expressions;
using Orders.Domain.Orders;

namespace Orders.Application.Orders;

/// <summary>
/// What a failed order's dead letters are grouped by: its failure reason without its attempt count, which is each
/// order's own ("Not placed within 01:00:00 (12 attempts): connection not available" is in the group "Not placed
/// within 01:00:00: connection not available"). An expression, so that the database groups and filters by it.
/// </summary>
public static class DeadLetterReason
{
    // The attempts part as the give-up reasons write it: "… ({n} attempts): …".
    private const string AttemptsStart = " (";
    private const string AttemptsEnd = " attempts): ";

    // Keeps the ": " after the attempt count.
    private const int AttemptsEndKept = 2;

    public static readonly Expression<Func<Order, string>> Of = order =>
        order.FailureReason!.IndexOf(AttemptsStart) >= 0 && order.FailureReason.IndexOf(AttemptsEnd) > order.FailureReason.IndexOf(AttemptsStart)
            ? order.FailureReason.Substring(0, order.FailureReason.IndexOf(AttemptsStart))
                + order.FailureReason.Substring(order.FailureReason.IndexOf(AttemptsEnd) + AttemptsEnd.Length - AttemptsEndKept)
            : order.FailureReason;

    /// <summary>The orders in the group of <paramref name="reason"/>.</summary>
    public static Expression<Func<Order, bool>> Is(string reason)
    {
        // A closure's field, so that the database gets the reason as a parameter.
        Expression<Func<string>> value = () => reason;
        return Expression.Lambda<Func<Order, bool>>(Expression.Equal(Of.Body, value.Body), Of.Parameters);
    }
}
