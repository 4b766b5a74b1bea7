using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orders.Domain.Orders;

namespace Orders.Infrastructure.Persistence.Configurations;

internal sealed class OrderStatusChangeConfiguration : IEntityTypeConfiguration<OrderStatusChange>
{
    public void Configure(EntityTypeBuilder<OrderStatusChange> builder)
    {
        builder.ToTable("order_status_changes");
        builder.HasKey(change => change.Id);
        builder.Property(change => change.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(change => change.Reason).HasMaxLength(OrderRules.ReasonLength);
    }
}
