using System.Globalization;
using System.Net.Http.Headers;
using Orders.IntegrationTests.Fixtures;
using Orders.Web.CommandLine;

namespace Orders.IntegrationTests.Accounts;

/// <summary>The service's operator commands, run in this process as `dotnet Orders.Web.dll accounts …` runs them, on a service's database.</summary>
internal static class OperatorCommand
{
    public static async Task<CommandRun> RunAsync(OrdersService service, params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        string[] settings = [$"--Database:Provider={service.Api.Provider}", $"--ConnectionStrings:Orders={service.ConnectionString}"];
        var exitCode = await OperatorCommands.RunAsync([.. args, .. settings], output, error);
        return new CommandRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs a command that must succeed and prints a key; returns the key's secret.</summary>
    public static async Task<string> NewSecretAsync(OrdersService service, params string[] args)
    {
        var run = await RunAsync(service, args);
        run.ExitCode.ShouldBe(0, run.Error);
        return run.Secret;
    }

    public static HttpRequestMessage WithKey(this HttpRequestMessage request, string secret)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return request;
    }
}

internal sealed record CommandRun(int ExitCode, string Output, string Error)
{
    public string[] Lines => Output.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The secret the command showed (its own line).</summary>
    public string Secret => Lines.Single(line => line.StartsWith("ord_", StringComparison.Ordinal));

    /// <summary>The id of the key the command printed.</summary>
    public string KeyId => Lines.Single(line => line.StartsWith("Key key_", StringComparison.Ordinal)).Split(' ')[1];
}
