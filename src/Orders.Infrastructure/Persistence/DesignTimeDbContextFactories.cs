using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Orders.Infrastructure.Persistence;

// Used only by `dotnet ef`; `--connection` overrides these connection strings.
internal sealed class SqliteDesignTimeDbContextFactory : IDesignTimeDbContextFactory<SqliteOrdersDbContext>
{
    public SqliteOrdersDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteOrdersDbContext>().UseSqlite("Data Source=orders.db").Options);
}

internal sealed class SqlServerDesignTimeDbContextFactory : IDesignTimeDbContextFactory<SqlServerOrdersDbContext>
{
    public SqlServerOrdersDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerOrdersDbContext>().UseSqlServer("Server=localhost;Database=orders;Integrated Security=true;TrustServerCertificate=true").Options);
}

internal sealed class PostgresDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgresOrdersDbContext>
{
    public PostgresOrdersDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresOrdersDbContext>().UseNpgsql("Host=localhost;Database=orders;Username=postgres").Options);
}
