using Orders.Web;
using Orders.Web.CommandLine;

// "accounts …" and "keys …" are the operators' commands, run against the configured database instead of the web host.
if (OperatorCommands.Handles(args))
{
    return await OperatorCommands.RunAsync(args, Console.Out, Console.Error);
}

var app = ServiceHost.CreateBuilder(args).Build();
app.UseWeb();
app.Run();
return 0;

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
