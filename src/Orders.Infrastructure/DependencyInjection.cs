using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orders.Application.Abstractions.Persistence;
using Orders.Infrastructure.Outbox;
using Orders.Infrastructure.Persistence;

namespace Orders.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.SectionName));
        AddPersistence(services, configuration);
        return services;
    }

    private static void AddPersistence(IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>()?.Provider ?? DatabaseProvider.Sqlite;
        var connectionString = configuration.GetConnectionString("Orders")
            ?? throw new InvalidOperationException("Connection string 'Orders' is not configured.");

        services.AddSingleton<DomainEventsToOutboxInterceptor>();
        services.AddSingleton<SqlitePragmasInterceptor>();
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                services.AddDbContext<OrdersDbContext, SqliteOrdersDbContext>((serviceProvider, options) => options
                    .UseSqlite(connectionString)
                    .AddInterceptors(
                        serviceProvider.GetRequiredService<DomainEventsToOutboxInterceptor>(),
                        serviceProvider.GetRequiredService<SqlitePragmasInterceptor>()));
                break;
            case DatabaseProvider.Postgres:
                services.AddDbContext<OrdersDbContext, PostgresOrdersDbContext>((serviceProvider, options) => options
                    .UseNpgsql(connectionString)
                    .AddInterceptors(serviceProvider.GetRequiredService<DomainEventsToOutboxInterceptor>()));
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider '{provider}'.");
        }

        services.AddScoped<IUnitOfWork, UnitOfWork>();
        services.AddScoped<IOrderRepository, OrderRepository>();
        services.AddScoped<IOrderReadStore, OrderReadStore>();
        services.AddHostedService<DatabaseMigrator>();
    }
}
