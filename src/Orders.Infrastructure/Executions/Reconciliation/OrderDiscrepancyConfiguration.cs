using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orders.Domain.Orders;

namespace Orders.Infrastructure.Executions.Reconciliation;

internal sealed class OrderDiscrepancyConfiguration : IEntityTypeConfiguration<OrderDiscrepancy>
{
    public void Configure(EntityTypeBuilder<OrderDiscrepancy> builder)
    {
        builder.ToTable("order_discrepancies");
        builder.HasKey(discrepancy => discrepancy.OrderId);
        builder.Property(discrepancy => discrepancy.Reason).HasMaxLength(OrderRules.ReasonLength);
    }
}
