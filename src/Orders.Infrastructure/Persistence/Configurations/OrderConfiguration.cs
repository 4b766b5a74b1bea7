using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orders.Domain.Accounts;
using Orders.Domain.Orders;
using Orders.Infrastructure.Monitoring.Tracing;

namespace Orders.Infrastructure.Persistence.Configurations;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.ToTable("orders");
        builder.HasKey(order => order.Id);
        builder.Property(order => order.Id).ValueGeneratedNever();
        builder.Property(order => order.Type).HasConversion<string>().HasMaxLength(16);
        builder.Property(order => order.Side).HasConversion<string>().HasMaxLength(16);
        // Every update of an order is conditional on the status it read: of two writers that read the same status (the
        // relay recording a placement, a client's cancel), the later commit fails instead of undoing the earlier one.
        builder.Property(order => order.Status).HasConversion<string>().HasMaxLength(16).IsConcurrencyToken();
        builder.Property(order => order.Instrument).HasMaxLength(OrderRules.InstrumentLength).IsRequired();
        builder.Property(order => order.ExchangeOrderId).HasMaxLength(OrderRules.ExchangeIdLength);
        builder.Property(order => order.FailureReason).HasMaxLength(OrderRules.ReasonLength);
        builder.Property(order => order.AveragePrice).HasPrecision(38, OrderRules.ExecutionPriceScale);
        builder.Ignore(order => order.DomainEvents);

        // The trace of the request that created the order: the spans of its later messages (placement, cancel, reports)
        // continue it. Tracing is no business of the domain, hence a shadow property.
        builder.Property<string?>(StoredTraceContext.JourneyProperty).HasMaxLength(StoredTraceContext.MaxLength);
        builder.HasOne<Account>().WithMany().HasForeignKey(order => order.AccountId).OnDelete(DeleteBehavior.Restrict);

        // Listing is newest first by (created_at, id), optionally narrowed by status or instrument; side has
        // two values, too few for an index to beat reading the newest rows.
        builder.HasIndex(order => new { order.CreatedAt, order.Id }).HasDatabaseName("ix_orders_created_at_id");
        builder.HasIndex(order => new { order.AccountId, order.CreatedAt, order.Id }).HasDatabaseName("ix_orders_account_id_created_at_id");
        builder.HasIndex(order => new { order.Status, order.CreatedAt, order.Id }).HasDatabaseName("ix_orders_status_created_at_id");
        builder.HasIndex(order => new { order.Instrument, order.CreatedAt, order.Id }).HasDatabaseName("ix_orders_instrument_created_at_id");

        builder.HasMany(order => order.History)
            .WithOne()
            .HasForeignKey("OrderId")
            .IsRequired()
            .OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(order => order.History).HasField("_history").UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.HasMany(order => order.Executions)
            .WithOne()
            .HasForeignKey("OrderId")
            .IsRequired()
            .OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(order => order.Executions).HasField("_executions").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
