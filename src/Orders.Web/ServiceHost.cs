using Orders.Application;
using Orders.Infrastructure;

namespace Orders.Web;

/// <summary>The service's configuration and services, the same for the web host and the operators' commands.</summary>
internal static class ServiceHost
{
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddWeb();
        builder.Services
            .AddApplication()
            .AddInfrastructure(builder.Configuration);
        return builder;
    }
}
