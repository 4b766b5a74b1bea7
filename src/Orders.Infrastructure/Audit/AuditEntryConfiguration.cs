using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orders.Application.Abstractions.Audit;

namespace Orders.Infrastructure.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_log");
        builder.HasKey(entry => entry.Id);
        builder.Property(entry => entry.Id).ValueGeneratedNever();
        builder.Property(entry => entry.Actor).HasMaxLength(AuditEntry.ActorLength).IsRequired();
        builder.Property(entry => entry.Action).HasMaxLength(AuditEntry.ActionLength).IsRequired();
        builder.Property(entry => entry.Target).HasMaxLength(AuditEntry.TargetLength).IsRequired();
        builder.Property(entry => entry.Details).HasMaxLength(AuditEntry.DetailsLength).IsRequired();

        // GET /ops/audit reads the newest first.
        builder.HasIndex(entry => new { entry.At, entry.Id }).HasDatabaseName("ix_audit_log_at_id");
    }
}
