using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orders.Application.Abstractions.Messaging;
using Orders.Application.Audit;
using Orders.Application.Behaviors;
using Orders.Application.Executions;
using Orders.Application.Idempotency;
using Orders.Application.Orders.PlaceAtExchange;

namespace Orders.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        var assembly = typeof(DependencyInjection).Assembly;

        services.AddScoped<IMediator>(provider => new Mediator(provider.GetService));
        foreach (var handler in assembly.GetTypes().Where(type => type is { IsAbstract: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in handler.GetInterfaces().Where(IsHandlerContract))
            {
                services.AddTransient(contract, handler);
            }
        }

        // Registration order is execution order: an invalid command never claims a key nor opens a transaction.
        // The validators the validation behavior runs are registered by the host, through FluentValidation's own registration.
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(IdempotencyBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(CredentialsPropagationBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(TransactionBehavior<,>));
        services.AddScoped<IdempotentReplay>();
        services.AddScoped<OperatorAudit>();

        // One instance each: an instrument is created once and shared (the host's IMeterFactory gives the meter).
        services.AddSingleton<PlacementMetrics>();
        services.AddSingleton<IdempotencyMetrics>();
        services.AddSingleton<ExecutionReportMetrics>();

        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    private static bool IsHandlerContract(Type contract) =>
        IsGeneric(contract, typeof(IRequestHandler<,>)) || IsGeneric(contract, typeof(IMessageHandler<>)) || contract == typeof(IPrepareFollowUps);

    private static bool IsGeneric(Type type, Type definition) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == definition;
}
