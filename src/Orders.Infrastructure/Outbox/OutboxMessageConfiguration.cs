using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

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

        // The dispatcher's claim reads only due, unfinished rows: keep that index small however large the table grows.
        builder.HasIndex(message => message.NextAttemptAt)
            .HasDatabaseName("ix_outbox_messages_pending")
            .HasFilter("processed_at IS NULL AND dead_lettered_at IS NULL");
        builder.HasIndex(message => message.ProcessedAt)
            .HasDatabaseName("ix_outbox_messages_processed")
            .HasFilter("processed_at IS NOT NULL");
    }
}
