using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace Orders.IntegrationTests.Fixtures;

/// <summary>
/// The real service, in process, configured through its own settings; <paramref name="services"/> only adds what a
/// test brings of its own (e.g. a message kind).
/// </summary>
public sealed class OrdersApiFactory(
    IReadOnlyDictionary<string, string?> settings, TimeProvider? timeProvider = null, LogRecorder? logs = null, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (timeProvider is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(timeProvider));
        }

        if (logs is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(logs));
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }
}
