using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orders.Domain.Orders;

namespace Orders.Infrastructure.Executions;

internal sealed class ExchangeSessionConfiguration : IEntityTypeConfiguration<ExchangeSession>
{
    public void Configure(EntityTypeBuilder<ExchangeSession> builder)
    {
        builder.ToTable("exchange_sessions");
        builder.HasKey(session => session.SessionId);
        builder.Property(session => session.SessionId).HasMaxLength(OrderRules.ExchangeIdLength);
    }
}
