namespace Orders.Infrastructure.Persistence;

public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations (creating the database if needed) when the service starts.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>
    /// SQLite: how hard a commit waits for the disk. <see cref="SqliteSynchronous.Full"/> (the default) keeps a
    /// commit through an operating-system crash or power loss, which a 201 promises; <see cref="SqliteSynchronous.Normal"/>
    /// may lose the last commits then, and is faster.
    /// </summary>
    public SqliteSynchronous SqliteSynchronous { get; set; } = SqliteSynchronous.Full;
}

/// <summary>SQLite's <c>PRAGMA synchronous</c> levels that keep the database consistent in WAL mode.</summary>
public enum SqliteSynchronous
{
    Normal = 1,
    Full = 2,
    Extra = 3,
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
    SqlServer,
}
