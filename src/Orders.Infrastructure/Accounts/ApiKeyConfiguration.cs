using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orders.Domain.Accounts;

namespace Orders.Infrastructure.Accounts;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.HasKey(key => key.Id);
        builder.Property(key => key.Id).HasMaxLength(ApiKey.IdLength).ValueGeneratedNever();
        builder.Property(key => key.SecretHash).HasMaxLength(32).IsRequired();
        builder.Property(key => key.Role).HasConversion<string>().HasMaxLength(16);

        // Every authenticated request finds its key by the hash of the secret it presents.
        builder.HasIndex(key => key.SecretHash).IsUnique().HasDatabaseName("ux_api_keys_secret_hash");
        builder.HasOne<Account>().WithMany().HasForeignKey(key => key.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(key => key.AccountId).HasDatabaseName("ix_api_keys_account_id");
    }
}
