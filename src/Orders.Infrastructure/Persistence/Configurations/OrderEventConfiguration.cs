using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Orders.Infrastructure.Persistence.Configurations;

internal sealed class OrderEventConfiguration : IEntityTypeConfiguration<OrderEvent>
{
    public void Configure(EntityTypeBuilder<OrderEvent> builder)
    {
        builder.ToTable("order_events");
        builder.HasKey(orderEvent => orderEvent.Position);
        builder.Property(orderEvent => orderEvent.Position).ValueGeneratedOnAdd();

        // A stream of one order's events reads its few rows; no foreign key: the log only ever grows and is purged.
        builder.HasIndex(orderEvent => orderEvent.OrderId).HasDatabaseName("ix_order_events_order_id");
    }
}
