using Orders.Infrastructure.Persistence;
using Shouldly;
using Xunit;

namespace Orders.ArchitectureTests;

/// <summary>The outbox relay delivers messages of any kind: what a message means is its handler's business.</summary>
public sealed class RelayTests
{
    private const string RelayNamespace = "Orders.Infrastructure.Outbox.Relay";

    // The order aggregate and its events, the order use cases, and the exchange they call.
    private static readonly string[] OrderTypes = ["Orders.Domain.Orders", "Orders.Application.Orders", "Orders.Application.Abstractions.Exchange"];

    [Fact]
    public void The_relay_uses_no_order_type_and_not_the_exchange()
    {
        var infrastructure = typeof(OrdersDbContext).Assembly;
        infrastructure.GetTypes().ShouldContain(type => type.Namespace == RelayNamespace);

        // Each use reads "user uses used [assembly]": the relay's are those whose user lies in its namespace.
        TypeDependencies.UsesIn(infrastructure, TypeDependencies.Under(OrderTypes))
            .Where(use => use.StartsWith(RelayNamespace + ".", StringComparison.Ordinal))
            .ShouldBeEmpty();
    }
}
