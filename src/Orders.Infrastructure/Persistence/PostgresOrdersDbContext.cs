using Microsoft.EntityFrameworkCore;

namespace Orders.Infrastructure.Persistence;

public sealed class PostgresOrdersDbContext(DbContextOptions<PostgresOrdersDbContext> options) : OrdersDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // Each event carries the id of the transaction that wrote it: readers order the log by it, then by position,
        // and read only below the oldest transaction still running (Sql.PostgresOrderEventsSql).
        var orderEvents = modelBuilder.Entity<OrderEvent>();
        orderEvents.Property<long>("TransactionId").HasColumnName("transaction_id").HasDefaultValueSql("pg_current_xact_id()::text::bigint");
        orderEvents.HasIndex("TransactionId", nameof(OrderEvent.Position)).HasDatabaseName("ix_order_events_transaction_id_position");
    }
}
