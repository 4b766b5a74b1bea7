using System.Collections.Concurrent;
using System.Diagnostics;

namespace Orders.IntegrationTests.Fixtures;

/// <summary>
/// The service as an operator runs it: `dotnet Orders.Web.dll` in a process of its own, on a port of its own, with
/// its shipped appsettings.json; what it writes to standard output is kept line by line.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("orders-process-").FullName;

    private ServiceProcess(IReadOnlyDictionary<string, string?> settings)
    {
        var service = typeof(Program).Assembly.Location;
        var port = LoopbackPort.Free();
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(service)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["ASPNETCORE_ENVIRONMENT"] = "Production" },
        };
        start.ArgumentList.Add(service);
        start.ArgumentList.Add($"--urls={Client.BaseAddress}");
        start.ArgumentList.Add($"--ConnectionStrings:Orders=Data Source={Path.Combine(_directory, "orders.db")}");
        start.ArgumentList.Add("--Auth:AllowAnonymous=true");
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, line) => Keep(line.Data);
        _process.ErrorDataReceived += (_, line) => Keep(line.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public HttpClient Client { get; }

    /// <summary>Standard output and error so far, a line at a time.</summary>
    public IReadOnlyList<string> Output => [.. _output];

    /// <summary>Starts the service with settings on top of its appsettings.json and a SQLite database of its own; returns once it answers.</summary>
    public static async Task<ServiceProcess> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var service = new ServiceProcess(settings);
        try
        {
            await Eventually.HoldsAsync(service.AnswersAsync, StartTimeout, $"the service answers; it wrote:{Environment.NewLine}{string.Join(Environment.NewLine, service.Output)}");
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    private async Task<bool> AnswersAsync()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"The service exited with {_process.ExitCode}:{Environment.NewLine}{string.Join(Environment.NewLine, Output)}");
        }

        try
        {
            return (await Client.GetAsync("/health/live", TestContext.Current.CancellationToken)).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
