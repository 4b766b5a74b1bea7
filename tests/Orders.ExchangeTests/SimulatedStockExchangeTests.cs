using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orders.Application.Abstractions.Exchange;
using Orders.Domain.Orders;
using Orders.Infrastructure.Exchange;
using Orders.Infrastructure.Exchange.Market;

namespace Orders.ExchangeTests;

/// <summary>The in-process exchange the service runs with by default.</summary>
public sealed class SimulatedStockExchangeTests
{
    [Fact]
    public async Task A_reloaded_configuration_changes_the_failure_rate_and_latency_without_a_restart()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Exchange:FailureRate"] = "0", ["Exchange:Latency"] = "00:00:00" })
            .Build();
        await using var services = new ServiceCollection()
            .AddSimulatedMarket(configuration)
            .AddSingleton<SimulatedStockExchange>()
            .Configure<ExchangeOptions>(configuration.GetSection(ExchangeOptions.SectionName))
            .BuildServiceProvider();
        var exchange = services.GetRequiredService<SimulatedStockExchange>();
        (await exchange.PlaceOrderAsync(AnOrder(), TestContext.Current.CancellationToken)).ShouldStartWith("SIM-");

        configuration["Exchange:FailureRate"] = "1";
        configuration["Exchange:Latency"] = "00:00:00.250";
        configuration.Reload();

        exchange.Latency.ShouldBe(TimeSpan.FromMilliseconds(250));
        await Should.ThrowAsync<ExchangeUnavailableException>(() => exchange.PlaceOrderAsync(AnOrder(), TestContext.Current.CancellationToken));
        exchange.FailedCalls.ShouldBe(1);
    }

    private static ExchangeOrder AnOrder() => new(Guid.CreateVersion7(), OrderType.Market, OrderSide.Sell, "US0378331005", null, 5);
}
