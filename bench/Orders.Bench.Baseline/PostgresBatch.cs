using Npgsql;

namespace Orders.Bench.Baseline;

internal static class PostgresBatch
{
    /// <summary>A batch command with positional parameters ($1, $2, …); an <see cref="NpgsqlParameter"/> value is taken as it is.</summary>
    public static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
