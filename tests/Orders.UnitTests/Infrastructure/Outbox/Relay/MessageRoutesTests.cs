using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orders.Application.Abstractions.Messaging;
using Orders.Infrastructure.Outbox.Relay;

namespace Orders.UnitTests.Infrastructure.Outbox.Relay;

public sealed class MessageRoutesTests
{
    private static readonly MessageDelivery FirstDelivery = new(1, TimeSpan.FromHours(1), IsFinal: false);

    [Fact]
    public void A_kind_without_a_handler_stops_the_start()
    {
        var services = new ServiceCollection().BuildServiceProvider();

        var exception = Should.Throw<InvalidOperationException>(() => new MessageRoutes([new MessageRoute("ping.v1", typeof(Ping))], Registered(services)));

        exception.Message.ShouldBe("Outbox message 'ping.v1' (Ping) has no IMessageHandler registered.");
    }

    [Fact]
    public void A_name_registered_twice_stops_the_start()
    {
        var services = WithHandler();

        var exception = Should.Throw<InvalidOperationException>(
            () => new MessageRoutes([new MessageRoute("ping.v1", typeof(Ping)), new MessageRoute("ping.v1", typeof(Ping))], Registered(services)));

        exception.Message.ShouldBe("Outbox message name 'ping.v1' is registered twice.");
    }

    [Theory]
    [InlineData("pong.v1", "{\"text\":\"hi\"}", "Unknown message type 'pong.v1'")]
    [InlineData("ping.v1", "null", "Empty payload")]
    [InlineData("ping.v1", "{not json", "Unreadable payload: ")]
    [InlineData("ping.v1", "{}", "Unreadable payload: ")]
    public void A_row_of_an_unknown_kind_or_with_an_unreadable_payload_is_poison(string type, string payload, string problem)
    {
        var routes = new MessageRoutes([new MessageRoute("ping.v1", typeof(Ping))], Registered(WithHandler()));

        routes.Read(Claimed(type, payload), out var found).ShouldBeNull();
        found.ShouldStartWith(problem);
    }

    [Fact]
    public async Task A_readable_row_goes_to_the_handler_of_its_kind()
    {
        var services = WithHandler();
        var routes = new MessageRoutes([new MessageRoute("ping.v1", typeof(Ping))], Registered(services));

        var outcome = await routes.Read(Claimed("ping.v1", "{\"text\":\"hi\"}"), out _)!.HandleAsync(services, FirstDelivery, CancellationToken.None);

        outcome.ShouldBe(MessageOutcome.GiveUp("hi"));
    }

    [Fact]
    public void A_delivery_span_is_named_as_its_route_says_and_otherwise_after_processing_its_type()
    {
        var routes = new MessageRoutes(
            [new MessageRoute("ping.v1", typeof(Ping), "send ping", ActivityKind.Producer), new MessageRoute("echo.v1", typeof(Echo))],
            Registered(WithHandler()));

        routes.SpanOf("ping.v1").ShouldBe(("send ping", ActivityKind.Producer));
        routes.SpanOf("echo.v1").ShouldBe(("process echo.v1", ActivityKind.Consumer));
        routes.SpanOf("pong.v1").ShouldBe(("process pong.v1", ActivityKind.Consumer), "an unknown kind's row is delivered as poison, in a span too");
    }

    private static ServiceProvider WithHandler() =>
        new ServiceCollection().AddTransient<IMessageHandler<Ping>, PingHandler>().AddTransient<IMessageHandler<Echo>, EchoHandler>().BuildServiceProvider();

    private static IServiceProviderIsService Registered(ServiceProvider services) => services.GetRequiredService<IServiceProviderIsService>();

    private static ClaimedOutboxMessage Claimed(string type, string payload) =>
        new(Guid.NewGuid(), type, payload, DateTime.UtcNow, 1, Guid.NewGuid());

    public sealed record Ping(string Text);

    public sealed record Echo(string Text);

    private sealed class PingHandler : IMessageHandler<Ping>
    {
        // Answers with the message's text, so that the test sees which message arrived.
        public Task<MessageOutcome> HandleAsync(Ping message, MessageDelivery delivery, CancellationToken cancellationToken) =>
            Task.FromResult(MessageOutcome.GiveUp(message.Text));
    }

    private sealed class EchoHandler : IMessageHandler<Echo>
    {
        public Task<MessageOutcome> HandleAsync(Echo message, MessageDelivery delivery, CancellationToken cancellationToken) =>
            Task.FromResult(MessageOutcome.Done());
    }
}
