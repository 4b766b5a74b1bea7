using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orders.Domain.Orders;

namespace Orders.Infrastructure.Executions;

internal sealed class ReceivedExecutionReportConfiguration : IEntityTypeConfiguration<ReceivedExecutionReport>
{
    public void Configure(EntityTypeBuilder<ReceivedExecutionReport> builder)
    {
        builder.ToTable("execution_reports");

        // The key is what makes a report stored once: a second insert of an execution id finds it taken.
        builder.HasKey(report => report.ExecutionId);
        builder.Property(report => report.ExecutionId).HasMaxLength(OrderRules.ExchangeIdLength);
        builder.Property(report => report.SessionId).HasMaxLength(OrderRules.ExchangeIdLength);
        builder.Property(report => report.ParkedReason).HasMaxLength(OrderRules.ReasonLength);

        // Gap fill walks a session's sequences from the last one held with no gap.
        builder.HasIndex(report => new { report.SessionId, report.Sequence }).HasDatabaseName("ix_execution_reports_session_sequence");
        builder.HasIndex(report => report.ParkedAt)
            .HasDatabaseName("ix_execution_reports_parked")
            .HasFilter("parked_at IS NOT NULL");
    }
}
