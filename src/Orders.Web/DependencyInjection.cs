using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Formatters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Options;
using Orders.Application.Abstractions.Audit;
using Orders.Application.Abstractions.Serialization;
using Orders.Web.Authentication;
using Orders.Web.Http;
using Orders.Web.Logging;
using Orders.Web.Ops;
using Orders.Web.RateLimiting;
using Orders.Web.Telemetry;

namespace Orders.Web;

internal static class DependencyInjection
{
    /// <summary>The contract's names for fields, enum values and query parameters' values.</summary>
    private static readonly JsonNamingPolicy ContractNames = JsonNamingPolicy.SnakeCaseLower;

    private static readonly ContractEnumNames ContractEnums = new(ContractNames);

    public static WebApplicationBuilder AddWeb(this WebApplicationBuilder builder)
    {
        builder.AddServiceLogging();
        builder.AddServiceTelemetry();

        builder.Services
            .AddControllers(options =>
            {
                // Commands and queries are validated by the pipeline's FluentValidation validators: MVC's own
                // validation would only walk their properties to find no attributes.
                options.ModelMetadataDetailsProviders.Add(new SuppressChildValidationMetadataProvider(typeof(IBaseRequest)));
                options.ModelBinderProviders.Insert(0, new EnumNameModelBinder(ContractEnums));
            })
            .AddJsonOptions(options =>
            {
                ConfigureJson(options.JsonSerializerOptions);

                // Ahead of the framework's enum converter, which stays for the OpenAPI document (its schemas
                // know that one): the same names written, and nothing but a name read.
                options.JsonSerializerOptions.Converters.Insert(0, new EnumNameJsonConverter(ContractEnums, ContractNames));
            });

        // MVC's own JSON input formatter would also read UTF-16, and let bytes that are not UTF-8 through unseen.
        builder.Services.AddOptions<MvcOptions>().Configure<IOptions<JsonOptions>, ILogger<SystemTextJsonInputFormatter>>((options, json, logger) =>
        {
            options.InputFormatters.RemoveType<SystemTextJsonInputFormatter>();
            options.InputFormatters.Insert(0, new Utf8JsonInputFormatter(json.Value, logger));
        });

        // The OpenAPI document describes schemas with these options: the same as the controllers' but for reading enums.
        builder.Services.ConfigureHttpJsonOptions(options => ConfigureJson(options.SerializerOptions));
        builder.Services.Configure<ApiBehaviorOptions>(options => options.InvalidModelStateResponseFactory = InvalidRequestBody.ToResponse);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<UnhandledExceptionHandler>();
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer<ApiKeyOpenApiSecurity>().AddOperationTransformer<ApiKeyOpenApiSecurity>());
        builder.Services.AddTransient<IdempotentReplayHeader>();
        builder.Services.AddSingleton<IContractJson, ContractJson>();
        builder.Services.AddSingleton<ExecutionWebhookSignature>();
        builder.Services.AddApplicationValidators();
        AddAuthentication(builder.Services);
        builder.Services.AddAccountRateLimit(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// Every endpoint needs a caller (a key, or anonymous access); /ops an operator, by key or by the /ops page's session
    /// (whose changes also carry a header against forgery); health and the signed webhook neither.
    /// </summary>
    private static void AddAuthentication(IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<IOperatorIdentity, RequestOperator>();
        services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, configureOptions: null)
            .AddOperatorSession();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Caller.OperatorPolicy, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName, OperatorSession.SchemeName)
                .RequireAuthenticatedUser()
                .RequireRole(Caller.OperatorRole)
                .AddRequirements(new SessionRequestHeader()))
            .AddPolicy(Caller.OperatorKeyPolicy, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName)
                .RequireAuthenticatedUser()
                .RequireRole(Caller.OperatorRole));
    }

    /// <summary>
    /// The validators the Application's pipeline runs. Singletons: a validator is immutable once built, and building
    /// one is costly. MVC's automatic validation stays off: the pipeline validates every request, once.
    /// </summary>
    public static IServiceCollection AddApplicationValidators(this IServiceCollection services) =>
        services.AddValidatorsFromAssembly(typeof(Application.DependencyInjection).Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);

    public static WebApplication UseWeb(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<ExecutionWebhookSignature>().IsConfigured)
        {
            app.Logger.LogWarning("Exchange:WebhookSecret is not set: POST /exchange/executions answers 401 to every report");
        }

        app.UseRequestLogging();
        app.UseExceptionHandler();
        // Problem details whatever the client accepts: the default writer answers Accept: text/html with plain text.
        app.UseStatusCodePages(context => TypedResults.Problem(statusCode: context.HttpContext.Response.StatusCode).ExecuteAsync(context.HttpContext));

        // After the status code pages: a 401 or 403 gets its problem details.
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAccountRateLimit();
        app.MapOpenApi().AllowAnonymous();
        app.UseSwaggerUI(options => options.SwaggerEndpoint("/openapi/v1.json", "Orders API"));
        app.MapOpsPage();
        app.MapControllers();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(Infrastructure.DependencyInjection.ReadinessTag),
            ResponseWriter = HealthReportWriter.WriteAsync,
        }).AllowAnonymous();
        app.MapMetrics();
        return app;
    }

    /// <summary>The contract's JSON: snake_case names, lower-case enum strings, no numbers for enums.</summary>
    private static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = ContractNames;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new JsonStringEnumConverter(ContractNames, allowIntegerValues: false));
    }
}
