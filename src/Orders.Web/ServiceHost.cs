using Orders.Application;
using Orders.Infrastructure;

namespace Orders.Web;

/// <summary>The service's configuration and services, the same for the web host and the operators' commands.</summary>
internal static class ServiceHost
{
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);

        // Infrastructure first: its hosted services (the database's migration first of all) start before the web's,
        // such as Data Protection's, which reads its key ring from the database.
        builder.Services
            .AddApplication()
            .AddInfrastructure(builder.Configuration);
        builder.AddWeb();
        return builder;
    }
}
