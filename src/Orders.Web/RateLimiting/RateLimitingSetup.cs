using Microsoft.AspNetCore.RateLimiting;

namespace Orders.Web.RateLimiting;

/// <summary>The per-account rate limit on the endpoints marked with its policy (the client API); health, the webhook and /ops have none.</summary>
internal static class RateLimitingSetup
{
    public static IServiceCollection AddAccountRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitingOptions>()
            .Bind(configuration.GetSection(RateLimitingOptions.SectionName))
            .Validate(o => o.PermitsPerSecond > 0 && o.Burst > 0, "RateLimiting:PermitsPerSecond and RateLimiting:Burst are greater than 0.")
            .ValidateOnStart();
        services.AddSingleton<AccountRateLimit>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<AccountRateLimit>((options, policy) => options.AddPolicy(AccountRateLimit.PolicyName, policy));
        return services;
    }

    /// <summary>After authentication and authorization: the bucket is the caller's account's.</summary>
    public static WebApplication UseAccountRateLimit(this WebApplication app)
    {
        app.UseRateLimiter();
        var policy = app.Services.GetRequiredService<AccountRateLimit>();
        app.Use((context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>() is { PolicyName: AccountRateLimit.PolicyName })
            {
                policy.WriteFields(context);
            }

            return next(context);
        });
        return app;
    }
}
