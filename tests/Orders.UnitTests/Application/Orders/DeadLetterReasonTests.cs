using Orders.Application.Orders;
using Orders.Domain.Accounts;
using Orders.Domain.Orders;

namespace Orders.UnitTests.Application.Orders;

/// <summary>The group of a failed order is its reason without the attempt count; the database runs the same expression.</summary>
public sealed class DeadLetterReasonTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 13, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Not placed within 01:00:00 (12 attempts): connection not available", "Not placed within 01:00:00: connection not available")]
    [InlineData("Not placed within 01:00:00 (1 attempts): The exchange answered 503 (busy).", "Not placed within 01:00:00: The exchange answered 503 (busy).")]
    [InlineData("Rejected by the exchange: instrument halted", "Rejected by the exchange: instrument halted")]
    [InlineData("Rejected by the exchange: limit (price) out of band", "Rejected by the exchange: limit (price) out of band")]
    [InlineData("Rejected (3 attempts) by the exchange", "Rejected (3 attempts) by the exchange")]
    public void A_reason_is_grouped_without_its_attempt_count(string failureReason, string group)
    {
        var order = Failed(failureReason);

        DeadLetterReason.Of.Compile()(order).ShouldBe(group);
        DeadLetterReason.Is(group).Compile()(order).ShouldBeTrue();
        DeadLetterReason.Is(failureReason + "!").Compile()(order).ShouldBeFalse();
    }

    private static Order Failed(string reason)
    {
        var order = Order.Accept(AccountRules.DefaultAccountId, OrderType.Market, OrderSide.Buy, "US0378331005", null, 10, Now);
        order.MarkFailed(reason, Now);
        return order;
    }
}
