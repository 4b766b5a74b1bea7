using System.Reflection;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Orders.Application.Orders.PlaceOrder;
using Orders.Infrastructure.Persistence;
using Shouldly;
using Xunit;

namespace Orders.ArchitectureTests;

/// <summary>Handlers, validators and EF configurations are found by scanning, so nothing outside their assembly needs to see them.</summary>
public sealed class StyleTests
{
    [Fact]
    public void Application_request_handlers_should_be_sealed_and_not_public() =>
        NotSealedOrPublic(Closing(typeof(PlaceOrderCommand).Assembly, typeof(IRequestHandler<,>))).ShouldBeEmpty();

    [Fact]
    public void Application_validators_should_be_sealed_and_not_public() =>
        NotSealedOrPublic(Closing(typeof(PlaceOrderCommand).Assembly, typeof(AbstractValidator<>))).ShouldBeEmpty();

    [Fact]
    public void Infrastructure_entity_type_configurations_should_be_sealed_and_not_public() =>
        NotSealedOrPublic(Closing(typeof(OrdersDbContext).Assembly, typeof(IEntityTypeConfiguration<>))).ShouldBeEmpty();

    /// <summary>The concrete types of <paramref name="assembly"/> that implement or derive from a closed <paramref name="openGeneric"/>.</summary>
    private static Type[] Closing(Assembly assembly, Type openGeneric)
    {
        Type[] types =
        [
            .. assembly.GetTypes().Where(type => !type.IsAbstract && SelfBasesAndInterfaces(type)
                .Any(candidate => candidate.IsGenericType && candidate.GetGenericTypeDefinition() == openGeneric)),
        ];
        types.ShouldNotBeEmpty($"a rule over no {openGeneric.Name} in {assembly.GetName().Name} would pass vacuously");
        return types;
    }

    private static IEnumerable<Type> SelfBasesAndInterfaces(Type type)
    {
        for (Type? current = type; current is not null; current = current.BaseType)
        {
            yield return current;
        }

        foreach (var implemented in type.GetInterfaces())
        {
            yield return implemented;
        }
    }

    // IsVisible is false for a public type nested in an internal one: what matters is visibility outside the assembly.
    private static string[] NotSealedOrPublic(Type[] types) =>
        [.. types.Where(type => !type.IsSealed || type.IsVisible).Select(type => type.FullName!)];
}
