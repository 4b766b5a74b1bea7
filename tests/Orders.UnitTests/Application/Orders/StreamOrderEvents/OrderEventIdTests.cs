using Orders.Application.Abstractions.Persistence;
using Orders.Application.Orders.StreamOrderEvents;

namespace Orders.UnitTests.Application.Orders.StreamOrderEvents;

public sealed class OrderEventIdTests
{
    [Fact]
    public void An_id_reads_back_as_the_place_it_was_made_of()
    {
        var place = new OrderEventPosition(long.MaxValue, 42);

        var id = OrderEventId.Format(place);

        id.ShouldBe("9223372036854775807-42");
        OrderEventId.TryParse(id, out var parsed).ShouldBeTrue();
        parsed.ShouldBe(place);
    }

    [Theory]
    [InlineData("")]
    [InlineData("42")]
    [InlineData("1-2-3")]
    [InlineData("-1-2")]
    [InlineData("1--2")]
    [InlineData("+1-2")]
    [InlineData(" 1-2")]
    [InlineData("1-2 ")]
    [InlineData("1.5-2")]
    [InlineData("1-9223372036854775808")]
    [InlineData("a-b")]
    public void Anything_else_is_not_an_id(string text) =>
        OrderEventId.TryParse(text, out _).ShouldBeFalse();
}
