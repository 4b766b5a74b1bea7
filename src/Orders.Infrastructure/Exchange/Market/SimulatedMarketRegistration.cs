using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Orders.Infrastructure.Exchange.Market;

/// <summary>The simulated market as a process holds it: one, started with its settings (section "Exchange") checked.</summary>
internal static class SimulatedMarketRegistration
{
    public static IServiceCollection AddSimulatedMarket(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<MarketOptions>()
            .Bind(configuration.GetSection(MarketOptions.SectionName))
            .Validate(o => o.StartPrice > 0, "Exchange:StartPrice must be positive.")
            .Validate(o => o.PriceBand is > 0 and < 1, "Exchange:PriceBand must be between 0 and 1, both excluded.")
            .Validate(o => o.Volatility is >= 0 and < 1, "Exchange:Volatility must be at least 0 and below 1.")
            .Validate(o => o.TickInterval > TimeSpan.Zero, "Exchange:TickInterval must be positive.")
            .Validate(o => o.FillDelay > TimeSpan.Zero, "Exchange:FillDelay must be positive.")
            .ValidateOnStart();
        services.AddSingleton(provider => new SimulatedMarket(
            provider.GetRequiredService<IOptions<MarketOptions>>().Value, provider.GetRequiredService<TimeProvider>()));
        return services;
    }
}
