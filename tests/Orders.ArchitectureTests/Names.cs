namespace Orders.ArchitectureTests;

internal static class Names
{
    /// <summary>"Npgsql" covers "Npgsql" and "Npgsql.EntityFrameworkCore.PostgreSQL", not "NpgsqlX".</summary>
    public static bool IsUnder(this string name, string prefix) =>
        name == prefix || name.StartsWith(prefix + ".", StringComparison.Ordinal);
}
