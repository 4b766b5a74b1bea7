using Shouldly;
using Xunit;

namespace Orders.ArchitectureTests;

/// <summary>The outbox relay delivers messages of any kind: what a message means is its handler's business.</summary>
public sealed class RelayTests
{
    private const string RelayNamespace = "Orders.Infrastructure.Outbox.Relay";

    // The order aggregate and its events, the order use cases, and the exchange they call.
    private static readonly string[] OrderTypes = ["Orders.Domain.Orders", "Orders.Application.Orders", "Orders.Application.Abstractions.Exchange"];

    // On Cecil: NetArchTest 1.3.2 does not see a catch clause's type (a planted catch of ExchangeUnavailableException in the relay passed it).
    [Fact]
    public void The_relay_uses_no_order_type_and_not_the_exchange()
    {
        var relayUses = TypeUses.In(Layers.Infrastructure).Where(use => use.UserNamespace.IsUnder(RelayNamespace)).ToList();
        relayUses.ShouldNotBeEmpty("a rule over no relay types would pass vacuously");

        relayUses.Where(use => OrderTypes.Any(use.Used.IsUnder)).ShouldBeEmpty();
    }
}
