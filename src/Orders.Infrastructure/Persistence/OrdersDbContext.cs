using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Orders.Domain.Orders;

namespace Orders.Infrastructure.Persistence;

/// <summary>
/// The service's database. Each provider has a subclass of its own so that each keeps its own,
/// tool-made migrations (EF Core's "migrations with multiple providers"). The outbox and the idempotency
/// keys bring their own tables (their configurations are found in this assembly) and their own DbSets.
/// </summary>
public abstract class OrdersDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Order> Orders => Set<Order>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(OrdersDbContext).Assembly);

        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name));
            }
        }
    }
}
