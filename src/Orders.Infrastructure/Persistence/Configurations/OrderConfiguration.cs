using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orders.Domain.Orders;

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
        builder.Property(order => order.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(order => order.Instrument).HasMaxLength(OrderRules.InstrumentLength).IsRequired();
        builder.Property(order => order.ExchangeOrderId).HasMaxLength(128);
        builder.Property(order => order.FailureReason).HasMaxLength(2000);
        builder.Ignore(order => order.DomainEvents);

        builder.HasMany(order => order.History)
            .WithOne()
            .HasForeignKey("OrderId")
            .IsRequired()
            .OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(order => order.History).HasField("_history").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
