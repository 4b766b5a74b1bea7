using System.Diagnostics;
using Npgsql;

namespace Orders.Bench.Reports;

/// <summary>
/// Reads the database every <see cref="Interval"/> and notes, per order, the first read that finds it filled to its
/// quantity: what a client reading the order would see, the relay's work included.
/// </summary>
internal sealed class ApplyWatcher(NpgsqlDataSource database, IReadOnlyList<BenchOrder> orders)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>Per order, the Stopwatch timestamp of the read that first found it filled (taken as the read began); 0 if none did.</summary>
    public async Task<long[]> WatchAsync(TimeSpan timeout)
    {
        var index = orders.Select((order, i) => (order.Id, i)).ToDictionary(entry => entry.Id, entry => entry.i);
        var filledAt = new long[orders.Count];
        var remaining = orders.Count;
        var started = Stopwatch.GetTimestamp();
        using var timer = new PeriodicTimer(Interval);
        while (remaining > 0 && Stopwatch.GetElapsedTime(started) < timeout)
        {
            var readAt = Stopwatch.GetTimestamp();
            await using (var command = database.CreateCommand("SELECT id FROM orders WHERE filled_quantity >= quantity"))
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    if (index.TryGetValue(reader.GetGuid(0), out var i) && filledAt[i] == 0)
                    {
                        filledAt[i] = readAt;
                        remaining--;
                    }
                }
            }

            if (remaining > 0)
            {
                await timer.WaitForNextTickAsync();
            }
        }

        return filledAt;
    }
}
