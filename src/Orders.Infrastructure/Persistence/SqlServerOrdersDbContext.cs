using Microsoft.EntityFrameworkCore;

namespace Orders.Infrastructure.Persistence;

public sealed class SqlServerOrdersDbContext(DbContextOptions<SqlServerOrdersDbContext> options) : OrdersDbContext(options)
{
    // SQL Server's default collations compare text case-insensitively; an instrument, an Idempotency-Key or a status
    // is compared exactly, as PostgreSQL and SQLite do.
    private const string ExactCollation = "Latin1_General_100_BIN2";

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<string>().UseCollation(ExactCollation);

        // SQL Server's decimal has a fixed precision (18, 2 by default): the widest, so no price .NET can hold overflows.
        configurationBuilder.Properties<decimal>().HavePrecision(38, 2);
        UtcDateTimeConverter.ApplyToEveryTime(configurationBuilder);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // EF reads generated values back with OUTPUT, which SQL Server refuses on a table with a trigger; a declared
        // trigger makes it use a form that works either way, so an operator's trigger (an audit) cannot break writes.
        foreach (var entityType in modelBuilder.Model.GetEntityTypes())
        {
            modelBuilder.Entity(entityType.ClrType).ToTable(table => table.HasTrigger($"{entityType.GetTableName()}_trigger"));
        }

        // Each event carries a rowversion, given when the row is written: readers order the log by it and read only
        // below the lowest one still uncommitted (Sql.SqlServerOrderEventsSql).
        var orderEvents = modelBuilder.Entity<OrderEvent>();
        orderEvents.Property<byte[]>("RowVersion").HasColumnName("row_version").IsRowVersion().IsRequired();
        orderEvents.HasIndex("RowVersion").HasDatabaseName("ix_order_events_row_version");
    }
}
