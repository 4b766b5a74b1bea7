namespace Orders.IntegrationTests.Fixtures;

/// <summary>
/// What the tests do to a database behind the service's back, in its provider's SQL: make a table refuse writes, as a
/// database with a fault does, and let the outbox's leases run out, as they do when a dispatcher dies.
/// </summary>
internal interface ITestSql
{
    /// <summary>From now on <paramref name="table"/> refuses every <paramref name="operation"/> (INSERT, UPDATE or DELETE) of a row.</summary>
    string FailWrites(string operation, string table);

    /// <summary>From now on the orders table refuses updates of the order <paramref name="id"/>.</summary>
    string FailUpdatesOfOrder(Guid id);

    /// <summary><paramref name="table"/> takes writes again.</summary>
    string StopFailing(string table);

    /// <summary>Every claim's lease has run out, by the database's clock.</summary>
    string ExpireLeases { get; }
}

internal sealed class SqliteTestSql : ITestSql
{
    public string FailWrites(string operation, string table) => Trigger(table, operation, condition: "", $"{table} unavailable");

    // SQLite stores a Guid as upper-case text.
    public string FailUpdatesOfOrder(Guid id) =>
        Trigger("orders", "UPDATE", $"WHEN OLD.id = '{id.ToString().ToUpperInvariant()}'", "order refused");

    public string StopFailing(string table) => $"DROP TRIGGER fail_{table}";

    public string ExpireLeases =>
        "UPDATE outbox_messages SET locked_until = strftime('%Y-%m-%d %H:%M:%f', 'now', '-1 seconds') WHERE locked_until IS NOT NULL";

    private static string Trigger(string table, string operation, string condition, string error) =>
        $"CREATE TRIGGER fail_{table} BEFORE {operation} ON {table} {condition} BEGIN SELECT RAISE(ABORT, '{error}'); END;";
}

internal sealed class PostgresTestSql : ITestSql
{
    public string FailWrites(string operation, string table) => Trigger(table, operation, condition: "", $"{table} unavailable");

    public string FailUpdatesOfOrder(Guid id) => Trigger("orders", "UPDATE", $"WHEN (OLD.id = '{id}')", "order refused");

    public string StopFailing(string table) => $"DROP TRIGGER fail_{table} ON {table}";

    public string ExpireLeases => "UPDATE outbox_messages SET locked_until = now() - interval '1 second' WHERE locked_until IS NOT NULL";

    private static string Trigger(string table, string operation, string condition, string error) => $"""
        CREATE FUNCTION fail_{table}() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION '{error}'; END $$ LANGUAGE plpgsql;
        CREATE TRIGGER fail_{table} BEFORE {operation} ON {table} FOR EACH ROW {condition} EXECUTE FUNCTION fail_{table}();
        """;
}

/// <summary>
/// SQL Server has no BEFORE triggers: an AFTER trigger's error undoes the statement (and, as on PostgreSQL, fails its
/// transaction). It fires once per statement, so it fails only a statement that wrote a row, as the row triggers of the
/// other providers do (a purge that deletes nothing still succeeds).
/// </summary>
internal sealed class SqlServerTestSql : ITestSql
{
    public string FailWrites(string operation, string table) =>
        Trigger(table, operation, "EXISTS (SELECT 1 FROM inserted) OR EXISTS (SELECT 1 FROM deleted)", $"{table} unavailable");

    public string FailUpdatesOfOrder(Guid id) => Trigger("orders", "UPDATE", $"EXISTS (SELECT 1 FROM deleted WHERE id = '{id}')", "order refused");

    public string StopFailing(string table) => $"DROP TRIGGER fail_{table}";

    public string ExpireLeases =>
        "UPDATE outbox_messages SET locked_until = DATEADD(second, -1, SYSUTCDATETIME()) WHERE locked_until IS NOT NULL";

    private static string Trigger(string table, string operation, string condition, string error) =>
        $"CREATE TRIGGER fail_{table} ON {table} AFTER {operation} AS IF {condition} THROW 50000, '{error}', 1;";
}
