using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orders.Infrastructure.Monitoring.Tracing;

namespace Orders.Infrastructure.Outbox;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.HasKey(message => message.Id);
        builder.Property(message => message.Id).ValueGeneratedNever();
        builder.Property(message => message.Type).HasMaxLength(128);
        builder.Property(message => message.LastError).HasMaxLength(2000);
        builder.Property(message => message.OrderingKey).HasMaxLength(128);
        builder.Property(message => message.TraceParent).HasMaxLength(StoredTraceContext.MaxLength);
        builder.Property(message => message.TraceLink).HasMaxLength(StoredTraceContext.MaxLength);

        // The dispatcher's claim reads only due, unfinished rows: keep that index small however large the table grows.
        builder.HasIndex(message => message.NextAttemptAt)
            .HasDatabaseName("ix_outbox_messages_pending")
            .HasFilter("processed_at IS NULL AND dead_lettered_at IS NULL");
        // A claim skips a row while an earlier unfinished row with its key exists: one index seek per keyed row.
        builder.HasIndex(message => new { message.OrderingKey, message.OccurredAt, message.Id })
            .HasDatabaseName("ix_outbox_messages_ordering")
            .HasFilter("ordering_key IS NOT NULL AND processed_at IS NULL AND dead_lettered_at IS NULL");
        builder.HasIndex(message => message.ProcessedAt)
            .HasDatabaseName("ix_outbox_messages_processed")
            .HasFilter("processed_at IS NOT NULL");
        // The dead letters are counted every few seconds (the gauges, health, /ops): read from their own small index,
        // not by a scan of every processed row the retention keeps.
        builder.HasIndex(message => message.DeadLetteredAt)
            .HasDatabaseName("ix_outbox_messages_dead_letters")
            .HasFilter("dead_lettered_at IS NOT NULL");
    }
}
