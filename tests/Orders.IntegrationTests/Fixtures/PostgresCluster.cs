using System.Diagnostics;

namespace Orders.IntegrationTests.Fixtures;

/// <summary>
/// A throwaway PostgreSQL cluster from the machine's server binaries: a fresh data directory in a temporary
/// folder, served on a free port with durability off (the tests measure the service, not the disk), removed
/// when disposed. It can be stopped and started again, as a database server that goes away and comes back.
/// </summary>
internal sealed class PostgresCluster : IAsyncDisposable
{
    /// <summary>Enough for the many services the tests run at once, each with its connection pool.</summary>
    public const int MaxConnections = 1000;

    private readonly string _directory;
    private readonly string _binDirectory;
    private readonly int _port;
    private bool _running;

    private PostgresCluster(string directory, string binDirectory, int port)
    {
        _directory = directory;
        _binDirectory = binDirectory;
        _port = port;
    }

    public string AdminConnectionString => $"Host=127.0.0.1;Port={_port};Username=postgres;Database=postgres";

    private string DataDirectory => Path.Combine(_directory, "data");

    /// <summary>Creates the cluster and starts it.</summary>
    public static async Task<PostgresCluster> StartNewAsync()
    {
        var cluster = new PostgresCluster(Directory.CreateTempSubdirectory("orders-pg-").FullName, FindBinDirectory(), LoopbackPort.Free());
        if (IsRoot)
        {
            // initdb refuses to run as root: the cluster belongs to the postgres user.
            await RunAsync("chown", $"postgres \"{cluster._directory}\"", asPostgres: false);
        }

        await cluster.RunToolAsync("initdb", $"-D \"{cluster.DataDirectory}\" -A trust -U postgres -E UTF8 --no-sync");
        await cluster.StartAsync();
        return cluster;
    }

    /// <summary>Starts the server and returns once it accepts connections.</summary>
    public async Task StartAsync()
    {
        var serverOptions = $"-p {_port} -k \"{_directory}\" -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c listen_addresses=127.0.0.1 -c max_connections={MaxConnections}";
        await RunToolAsync("pg_ctl", $"-D \"{DataDirectory}\" -o \"{serverOptions}\" -l \"{Path.Combine(_directory, "server.log")}\" -w start");
        _running = true;
    }

    /// <summary>Stops the server at once, as a crash would: every connection to it breaks.</summary>
    public async Task StopAsync()
    {
        await RunToolAsync("pg_ctl", $"-D \"{DataDirectory}\" -m immediate stop");
        _running = false;
    }

    public async ValueTask DisposeAsync()
    {
        if (_running)
        {
            await StopAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private Task RunToolAsync(string tool, string arguments) => RunAsync(Path.Combine(_binDirectory, tool), arguments, asPostgres: IsRoot);

    private static string FindBinDirectory()
    {
        var root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(version => Path.Combine(version, "bin")).Where(Directory.Exists).OrderByDescending(path => path).FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException(
            $"PostgreSQL server binaries were not found under {root}. Run the tests with scripts/test.sh, which installs them, or set {PostgresServer.ExternalServerVariable} for the tests that need no server of their own.");
    }

    private static async Task RunAsync(string fileName, string arguments, bool asPostgres)
    {
        var startInfo = asPostgres
            ? new ProcessStartInfo("runuser", $"-u postgres -- \"{fileName}\" {arguments}")
            : new ProcessStartInfo(fileName, arguments);
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(fileName)} failed ({process.ExitCode}): {await output}{await error}");
        }
    }
}
