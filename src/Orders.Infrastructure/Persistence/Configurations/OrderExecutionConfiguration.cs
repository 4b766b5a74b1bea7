using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orders.Domain.Orders;

namespace Orders.Infrastructure.Persistence.Configurations;

internal sealed class OrderExecutionConfiguration : IEntityTypeConfiguration<OrderExecution>
{
    public void Configure(EntityTypeBuilder<OrderExecution> builder)
    {
        builder.ToTable("order_executions");

        // The exchange's execution id is unique: an order holds each report once, whatever path it came by.
        builder.Property<Guid>("OrderId");
        builder.HasKey("OrderId", nameof(OrderExecution.ExecutionId));
        builder.Property(execution => execution.ExecutionId).HasMaxLength(OrderRules.ExchangeIdLength);
        builder.Property(execution => execution.Type).HasConversion<string>().HasMaxLength(16);
        builder.Property(execution => execution.Price).HasPrecision(38, OrderRules.ExecutionPriceScale);
    }
}
