using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orders.Domain.Accounts;

namespace Orders.Infrastructure.Accounts;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.ToTable("accounts");
        builder.HasKey(account => account.Id);
        builder.Property(account => account.Id).ValueGeneratedNever();
        builder.Property(account => account.Name).HasMaxLength(AccountRules.NameLength).IsRequired();
        builder.Property(account => account.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(account => account.MaxNotional).HasPrecision(38, 2);
        builder.HasIndex(account => account.Name).IsUnique().HasDatabaseName("ux_accounts_name");
    }
}
