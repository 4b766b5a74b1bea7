using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

[assembly: AssemblyFixture(typeof(Orders.IntegrationTests.Infrastructure.PostgresServer))]

namespace Orders.IntegrationTests.Infrastructure;

/// <summary>
/// A real, throwaway PostgreSQL server for the whole test run (what Testcontainers would give, without
/// Docker): a fresh cluster in a temporary folder on a free port, removed at the end. When
/// ORDERS_TEST_POSTGRES holds a connection string, that server is used instead.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string ExternalServerVariable = "ORDERS_TEST_POSTGRES";

    private string? _directory;
    private string? _binDirectory;
    private string _adminConnectionString = "";

    public async ValueTask InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable(ExternalServerVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            _adminConnectionString = external;
            return;
        }

        _binDirectory = FindBinDirectory();
        _directory = Directory.CreateTempSubdirectory("orders-pg-").FullName;
        var dataDirectory = Path.Combine(_directory, "data");
        var port = FreePort();
        if (IsRoot)
        {
            // initdb refuses to run as root: the cluster belongs to the postgres user.
            await RunAsync("chown", $"postgres \"{_directory}\"", asPostgres: false);
        }

        await RunAsync(Path.Combine(_binDirectory, "initdb"), $"-D \"{dataDirectory}\" -A trust -U postgres -E UTF8 --no-sync", asPostgres: IsRoot);
        var serverOptions = $"-p {port} -k \"{_directory}\" -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c listen_addresses=127.0.0.1 -c max_connections=1000";
        await RunAsync(
            Path.Combine(_binDirectory, "pg_ctl"),
            $"-D \"{dataDirectory}\" -o \"{serverOptions}\" -l \"{Path.Combine(_directory, "server.log")}\" -w start",
            asPostgres: IsRoot);
        _adminConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
    }

    /// <summary>Creates an empty database of its own for one test class and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"orders_test_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Closes the idle connections a finished service left in its pool, so the server never runs out.</summary>
    public static void ReleaseConnections(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        NpgsqlConnection.ClearPool(connection);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_directory is null || _binDirectory is null)
        {
            return;
        }

        await RunAsync(Path.Combine(_binDirectory, "pg_ctl"), $"-D \"{Path.Combine(_directory, "data")}\" -m immediate stop", asPostgres: IsRoot);
        Directory.Delete(_directory, recursive: true);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static string FindBinDirectory()
    {
        var root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(version => Path.Combine(version, "bin")).Where(Directory.Exists).OrderByDescending(path => path).FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException(
            $"PostgreSQL server binaries were not found under {root}. Run the tests with scripts/test.sh, which installs them, or set {ExternalServerVariable}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
