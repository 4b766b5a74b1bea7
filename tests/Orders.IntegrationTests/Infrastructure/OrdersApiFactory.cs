using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Orders.IntegrationTests.Infrastructure;

/// <summary>The real service, in process, configured only through its own settings.</summary>
public sealed class OrdersApiFactory(IReadOnlyDictionary<string, string?> settings, TimeProvider? timeProvider = null, LogRecorder? logs = null)
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
            builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(logs));
        }
    }
}
