using System.Diagnostics.Metrics;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orders.Application.Abstractions.Accounts;
using Orders.Application.Abstractions.Audit;
using Orders.Application.Abstractions.Exchange;
using Orders.Application.Abstractions.Idempotency;
using Orders.Application.Abstractions.Messaging;
using Orders.Application.Abstractions.Operations;
using Orders.Application.Abstractions.Persistence;
using Orders.Domain.Accounts;
using Orders.Infrastructure.Accounts;
using Orders.Infrastructure.Audit;
using Orders.Infrastructure.Events;
using Orders.Infrastructure.Exchange;
using Orders.Infrastructure.Exchange.Market;
using Orders.Infrastructure.Executions;
using Orders.Infrastructure.Executions.Reconciliation;
using Orders.Infrastructure.Idempotency;
using Orders.Infrastructure.Monitoring;
using Orders.Infrastructure.Outbox;
using Orders.Infrastructure.Outbox.Relay;
using Orders.Infrastructure.Persistence;
using Orders.Infrastructure.Persistence.Sql;
using Orders.Infrastructure.Persistence.Writes;
using Quartz;

namespace Orders.Infrastructure;

public static class DependencyInjection
{
    /// <summary>The tag of the health checks that decide readiness.</summary>
    public const string ReadinessTag = "ready";

    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        AddPersistence(services, configuration);
        AddKeyRing(services, configuration);
        AddAccounts(services, configuration);
        AddExchange(services, configuration);
        var outbox = AddOutbox(services, configuration);
        AddIdempotency(services, configuration);
        AddOrderEvents(services, configuration);
        AddExecutions(services, configuration);
        services.AddSingleton<IJobsMonitor, QuartzJobsMonitor>();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadinessTag])
            .AddCheck<OutboxHealthCheck>("outbox", tags: [ReadinessTag])
            .AddQuartz(check =>
            {
                check.Tags.Add(ReadinessTag);
                if (outbox.Dispatch)
                {
                    check.RequireSuccessWithin(ProcessOutboxJob.Key, ProcessOutboxJobWindow);
                }
            });
        return services;
    }

    /// <summary>
    /// Migrates the database and creates the default account, as a start does: for the operators' commands, which
    /// run without starting the host.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        await ActivatorUtilities.CreateInstance<DatabaseMigrator>(services).StartAsync(cancellationToken);
        await ActivatorUtilities.CreateInstance<DefaultAccountSetup>(services).StartAsync(cancellationToken);
    }

    // A relay run ends at least every OutboxRelay.MaxRunDuration; no success for this long means it is stuck.
    private static readonly TimeSpan ProcessOutboxJobWindow = TimeSpan.FromMinutes(2);

    private static void AddPersistence(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.SectionName));
        var provider = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>()?.Provider ?? DatabaseProvider.Sqlite;
        var connectionString = configuration.GetConnectionString("Orders")
            ?? throw new InvalidOperationException("Connection string 'Orders' is not configured.");

        services.AddSingleton<DomainEventsToOutboxInterceptor>();
        services.AddSingleton<SqlitePragmasInterceptor>();

        // Pooled: building a context's options and internal services for every request costs more than its queries.
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                services.AddDbContextPool<OrdersDbContext, SqliteOrdersDbContext>((serviceProvider, options) => options
                    .UseSqlite(connectionString)
                    .AddInterceptors(
                        serviceProvider.GetRequiredService<DomainEventsToOutboxInterceptor>(),
                        serviceProvider.GetRequiredService<SqlitePragmasInterceptor>()));
                break;
            case DatabaseProvider.Postgres:
                // The service leaves no state on a session (the migration lock is let go explicitly), so the DISCARD ALL
                // that Npgsql sends with a pooled connection's next use is wasted work, paid on every rent (bench/RESULTS.md).
                var postgres = new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString;
                services.AddDbContextPool<OrdersDbContext, PostgresOrdersDbContext>((serviceProvider, options) => options
                    .UseNpgsql(postgres)
                    .AddInterceptors(serviceProvider.GetRequiredService<DomainEventsToOutboxInterceptor>()));
                break;
            case DatabaseProvider.SqlServer:
                services.AddDbContextPool<OrdersDbContext, SqlServerOrdersDbContext>((serviceProvider, options) => options
                    .UseSqlServer(connectionString)
                    .AddInterceptors(serviceProvider.GetRequiredService<DomainEventsToOutboxInterceptor>()));
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider '{provider}'.");
        }

        services.AddSingleton<SqliteWriteGate>();
        services.AddSingleton<IOutboxSql>(provider switch
        {
            DatabaseProvider.Postgres => new PostgresOutboxSql(),
            DatabaseProvider.SqlServer => new SqlServerOutboxSql(),
            _ => new SqliteOutboxSql(),
        });
        services.AddSingleton<IIdempotencySql>(provider == DatabaseProvider.SqlServer ? new SqlServerIdempotencySql() : new OnConflictIdempotencySql());
        services.AddSingleton<IOrderEventsSql>(provider switch
        {
            DatabaseProvider.Postgres => new PostgresOrderEventsSql(),
            DatabaseProvider.SqlServer => new SqlServerOrderEventsSql(),
            _ => new SqliteOrderEventsSql(),
        });
        services.AddSingleton<IExecutionInboxSql>(provider switch
        {
            DatabaseProvider.Postgres => new PostgresExecutionInboxSql(),
            DatabaseProvider.SqlServer => new SqlServerExecutionInboxSql(),
            _ => new SqliteExecutionInboxSql(),
        });
        services.AddSingleton<NewOrderWriter>();
        services.AddSingleton<AcceptedOrdersCounter>();
        services.AddSingleton<OrderEventRecorder>();
        services.AddScoped<NewAggregates>();
        services.AddScoped<IUnitOfWork, UnitOfWork>();
        services.AddScoped<IOrderRepository, OrderRepository>();
        services.AddScoped<IOrderReadStore, OrderReadStore>();
        services.AddScoped<ExecutionReportInbox>();
        services.AddScoped<ParkedReportsQuery>();
        services.AddScoped<ExecutionIntakeQuery>();
        services.AddScoped<IDeadLetters, DeadLetters>();
        services.AddScoped<IExecutionReportInbox>(provider => provider.GetRequiredService<ExecutionReportInbox>());
        services.AddScoped<IParkedExecutionReports>(provider => provider.GetRequiredService<ExecutionReportInbox>());
        services.AddHostedService<DatabaseMigrator>();
    }

    /// <summary>
    /// The Data Protection key ring, which signs the /ops sessions, kept in the database: every instance reads a session
    /// any of them signed, and a restart ends none. Encrypted at rest with the certificate DataProtection:Certificate
    /// names, where one is given (every instance needs it).
    /// </summary>
    private static void AddKeyRing(IServiceCollection services, IConfiguration configuration)
    {
        var keyRing = services.AddDataProtection().SetApplicationName("Orders").PersistKeysToDbContext<OrdersDbContext>();
        var certificate = configuration["DataProtection:Certificate"];
        if (!string.IsNullOrEmpty(certificate))
        {
            keyRing.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(certificate, configuration["DataProtection:CertificatePassword"]));
        }
    }

    private static void AddAccounts(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>()
            .Bind(configuration.GetSection(AuthOptions.SectionName))
            .Validate(o => AccountRules.IsValidName(o.DefaultAccount), $"Auth:DefaultAccount: {AccountRules.NameMessage}.")
            .Validate(o => o.CredentialsRefresh >= TimeSpan.Zero, "Auth:CredentialsRefresh is zero (no cache) or more.")
            .ValidateOnStart();
        services.AddOptions<RiskOptions>()
            .Bind(configuration.GetSection(RiskOptions.SectionName))
            .Validate(o => AccountRules.IsValidMaxQuantity(o.MaxQuantity), $"Risk:MaxQuantity: {AccountRules.MaxQuantityMessage}.")
            .Validate(o => AccountRules.IsValidMaxNotional(o.MaxNotional), $"Risk:MaxNotional: {AccountRules.MaxNotionalMessage}.")
            .ValidateOnStart();
        services.AddScoped<IAccountRepository, AccountRepository>();
        services.AddScoped<CallerAccountTerms>();
        services.AddScoped<ITradingTerms, AccountTradingTerms>();
        services.AddScoped<IAuditLog, AuditLog>();
        services.AddScoped<IApiKeyDirectory, ApiKeyDirectory>();
        services.AddSingleton<IDefaultAccount, DefaultAccount>();
        services.AddSingleton<CredentialsCache>();
        services.AddSingleton<ICredentialsPropagation, CredentialsPropagation>();

        // After the migrator, whose schema they need.
        services.AddHostedService<DefaultAccountSetup>();
        services.AddHostedService<CredentialsChangeWatch>();
    }

    private static void AddExchange(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ExchangeOptions>().Bind(configuration.GetSection(ExchangeOptions.SectionName));
        var mode = configuration.GetSection(ExchangeOptions.SectionName).Get<ExchangeOptions>()?.Mode ?? ExchangeMode.Simulated;
        switch (mode)
        {
            case ExchangeMode.Simulated:
                services.AddSimulatedMarket(configuration);
                services.AddSingleton<SimulatedStockExchange>();
                services.AddSingleton<IStockExchange>(provider => Measured(provider, provider.GetRequiredService<SimulatedStockExchange>()));
                services.AddHostedService<SimulatedExchangeReports>();
                break;
            case ExchangeMode.Http:
                // One long-lived adapter: its circuit breaker's state must outlive a call.
                services.AddSingleton<IStockExchange>(provider =>
                {
                    var options = provider.GetRequiredService<IOptions<ExchangeOptions>>();
                    var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
                    {
                        BaseAddress = options.Value.BaseUrl ?? throw new InvalidOperationException("Exchange:BaseUrl is required when Exchange:Mode is Http."),
                        Timeout = Timeout.InfiniteTimeSpan, // the adapter's own per-call timeout governs
                    };
                    return Measured(provider, new HttpStockExchange(
                        client, options, provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<HttpStockExchange>>()));
                });
                break;
            default:
                throw new InvalidOperationException($"Unknown exchange mode '{mode}'.");
        }
    }

    private static MeasuredStockExchange Measured(IServiceProvider provider, IStockExchange exchange) =>
        new(exchange, provider.GetRequiredService<IMeterFactory>(), provider.GetRequiredService<TimeProvider>());

    private static void AddIdempotency(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IdempotencyOptions>().Bind(configuration.GetSection(IdempotencyOptions.SectionName));
        var idempotency = configuration.GetSection(IdempotencyOptions.SectionName).Get<IdempotencyOptions>() ?? new IdempotencyOptions();
        services.AddScoped<IdempotencyStore>();
        services.AddScoped<IIdempotencyStore>(provider => provider.GetRequiredService<IdempotencyStore>());
        services.AddQuartz(quartz => quartz.ScheduleJob<PurgeExpiredIdempotencyKeysJob>(
            trigger => trigger.WithIdentity("purge-expired-idempotency-keys-every-cleanup-interval", "idempotency").WithSimpleSchedule(idempotency.CleanupInterval),
            job => job.WithIdentity(PurgeExpiredIdempotencyKeysJob.Key)));
    }

    private static void AddOrderEvents(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OrderEventsOptions>().Bind(configuration.GetSection(OrderEventsOptions.SectionName));
        var events = configuration.GetSection(OrderEventsOptions.SectionName).Get<OrderEventsOptions>() ?? new OrderEventsOptions();
        services.AddSingleton<OrderEventSignal>();
        services.AddScoped<IOrderEventLog, OrderEventLog>();
        services.AddQuartz(quartz => quartz.ScheduleJob<PurgeOrderEventsJob>(
            trigger => trigger.WithIdentity("purge-order-events-every-cleanup-interval", "events").WithSimpleSchedule(events.CleanupInterval),
            job => job.WithIdentity(PurgeOrderEventsJob.Key)));
    }

    private static void AddExecutions(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ExecutionsOptions>()
            .Bind(configuration.GetSection(ExecutionsOptions.SectionName))
            .Validate(o => o.ReconcileInterval > TimeSpan.Zero, "Executions:ReconcileInterval must be positive.")
            .Validate(o => o.ReconcileBatchSize > 0, "Executions:ReconcileBatchSize must be positive.")
            .ValidateOnStart();
        var executions = configuration.GetSection(ExecutionsOptions.SectionName).Get<ExecutionsOptions>() ?? new ExecutionsOptions();
        services.AddSingleton<ExchangeReportIntake>();
        services.AddSingleton<ExecutionGapFill>();
        services.AddSingleton<OpenOrdersReconciliation>();
        services.AddScoped<DiscrepanciesQuery>();

        if (executions.Reconcile)
        {
            // A simple trigger fires at once: every start fetches what was missed while the service was down.
            services.AddQuartz(quartz =>
            {
                quartz.ScheduleJob<FillExecutionGapsJob>(
                    trigger => trigger.WithIdentity("fill-execution-gaps-every-reconcile-interval", "executions").WithSimpleSchedule(executions.ReconcileInterval),
                    job => job.WithIdentity(FillExecutionGapsJob.Key));
                quartz.ScheduleJob<ReconcileOpenOrdersJob>(
                    trigger => trigger.WithIdentity("reconcile-open-orders-every-reconcile-interval", "executions").WithSimpleSchedule(executions.ReconcileInterval),
                    job => job.WithIdentity(ReconcileOpenOrdersJob.Key));
            });
        }
    }

    private static OutboxOptions AddOutbox(IServiceCollection services, IConfiguration configuration)
    {
        // Giving up is a deadline now, no longer a count of attempts (an outage burnt through the count): a count
        // still configured stops the start rather than being ignored.
        if (configuration.GetSection($"{OutboxOptions.SectionName}:MaxAttempts").Exists())
        {
            throw new InvalidOperationException(
                "Outbox:MaxAttempts is no longer supported: an order now fails when an attempt fails after Outbox:GiveUpAfter "
                + "(default 01:00:00) since the order was accepted or re-driven. Remove Outbox:MaxAttempts; set Outbox:GiveUpAfter instead.");
        }

        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.SectionName));
        var outbox = configuration.GetSection(OutboxOptions.SectionName).Get<OutboxOptions>() ?? new OutboxOptions();

        services.AddSingleton<OutboxSignal>();
        services.AddScoped<OutboxStatisticsQuery>();
        services.AddHostedService<OutboxGauges>();
        services.AddScoped<IPlacementWithdrawal, PlacementWithdrawal>();
        services.AddScoped<OutboxClaims>();
        services.AddScoped<OutcomeWriter>();
        services.AddSingleton<MessageRoutes>();
        services.AddSingleton<MessageDispatcher>();
        services.AddSingleton<DeliverySpans>();
        services.AddTransient<OutboxRelay>();
        services.AddHostedService<MessageRoutesCheck>();
        foreach (var (name, type, spanName, spanKind) in OutboxEventTypes.Names)
        {
            services.AddSingleton(new MessageRoute(name, type, spanName, spanKind));
        }

        services.AddQuartz(quartz =>
        {
            if (outbox.Dispatch)
            {
                quartz.ScheduleJob<ProcessOutboxJob>(
                    trigger => trigger.WithIdentity("process-outbox-every-poll-interval", "outbox").WithSimpleSchedule(outbox.PollInterval),
                    job => job.WithIdentity(ProcessOutboxJob.Key));
            }

            quartz.ScheduleJob<PurgeProcessedOutboxJob>(
                trigger => trigger.WithIdentity("purge-processed-outbox-every-cleanup-interval", "outbox").WithSimpleSchedule(outbox.CleanupInterval),
                job => job.WithIdentity(PurgeProcessedOutboxJob.Key));
        });
        services.AddQuartzExecutionHistory(_ => { });
        services.AddQuartz(quartz => quartz.AddJobListener<JobMetricsListener>());
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        if (outbox.Dispatch)
        {
            services.AddHostedService<OutboxSignalBinding>();
        }

        return outbox;
    }
}
