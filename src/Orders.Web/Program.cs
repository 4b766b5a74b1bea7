using Orders.Application;
using Orders.Infrastructure;
using Orders.Web;
using Orders.Web.CommandLine;

// "accounts …" and "keys …" are the operators' commands, run against the configured database instead of the web host.
if (OperatorCommands.Handles(args))
{
    return await OperatorCommands.RunAsync(args, CreateBuilder, Console.Out, Console.Error);
}

var app = CreateBuilder(args).Build();
app.UseWeb();
app.Run();
return 0;

static WebApplicationBuilder CreateBuilder(string[] args)
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddWeb();
    builder.Services
        .AddApplication()
        .AddInfrastructure(builder.Configuration);
    return builder;
}

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
