using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orders.Application.Abstractions.Audit;
using Orders.Infrastructure.Persistence;

namespace Orders.Infrastructure.Accounts;

/// <summary>
/// Counts the credential changes for <see cref="CredentialsCache"/>, every <see cref="AuthOptions.CredentialsRefresh"/>.
/// Every change of a key or an account is an operator action, and every operator action writes one audit entry in its
/// own transaction; the audit log is never purged: its row count only grows, by one per change.
/// </summary>
internal sealed class CredentialsChangeWatch(
    IServiceScopeFactory scopes, CredentialsCache cache, IOptions<AuthOptions> options, TimeProvider timeProvider, ILogger<CredentialsChangeWatch> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var refresh = options.Value.CredentialsRefresh;
        if (refresh <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(refresh, timeProvider);
        var failing = false;
        do
        {
            var startedAt = timeProvider.GetTimestamp();
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var changes = await scope.ServiceProvider.GetRequiredService<OrdersDbContext>().Set<AuditEntry>().LongCountAsync(stoppingToken);
                cache.Observed(changes, startedAt);
                if (failing)
                {
                    failing = false;
                    logger.LogInformation("The credential changes are counted again: keys and accounts are cached");
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The cache's lease runs out: requests read their keys and accounts until a count succeeds again.
                if (!failing)
                {
                    failing = true;
                    logger.LogWarning(exception, "The credential changes could not be counted: every request reads its key and account until they can");
                }
            }
        }
        while (await NextTickAsync(timer, stoppingToken));
    }

    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
