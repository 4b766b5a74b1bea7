using System.Reflection;
using Orders.Application.Orders.PlaceOrder;
using Orders.Domain.Orders;
using Orders.Infrastructure.Persistence;
using Orders.Web.Controllers;
using Shouldly;
using Xunit;

namespace Orders.ArchitectureTests;

/// <summary>Project-level rules from the assembly references, type-level ones from what each type uses.</summary>
public sealed class LayerDependencyTests
{
    private static readonly string[] OtherProjects = ["Orders.Application", "Orders.Infrastructure", "Orders.Web"];

    private static readonly string[] Frameworks =
        ["Microsoft.EntityFrameworkCore", "MediatR", "FluentValidation", "Microsoft.AspNetCore", "Quartz", "Npgsql"];

    private static readonly string[] OuterLayersAndTheirFrameworks =
        ["Orders.Infrastructure", "Orders.Web", "Microsoft.EntityFrameworkCore", "Npgsql", "Quartz", "Microsoft.AspNetCore"];

    [Fact]
    public void Domain_should_not_reference_any_other_project_or_framework() =>
        ReferencedAssembliesUnder(typeof(Order).Assembly, [.. OtherProjects, .. Frameworks]).ShouldBeEmpty();

    [Fact]
    public void Domain_types_should_not_use_any_other_project_or_framework() =>
        TypeDependencies.UsesIn(typeof(Order).Assembly, TypeDependencies.Under([.. OtherProjects, .. Frameworks])).ShouldBeEmpty();

    [Fact]
    public void Application_should_reference_no_project_but_Domain() =>
        ReferencedAssembliesUnder(typeof(PlaceOrderCommand).Assembly, ["Orders"]).ShouldBeSubsetOf(["Orders.Domain"]);

    [Fact]
    public void Application_should_not_reference_Infrastructure_Web_or_their_frameworks() =>
        ReferencedAssembliesUnder(typeof(PlaceOrderCommand).Assembly, OuterLayersAndTheirFrameworks).ShouldBeEmpty();

    [Fact]
    public void Application_types_should_not_use_Infrastructure_Web_or_their_frameworks() =>
        TypeDependencies.UsesIn(typeof(PlaceOrderCommand).Assembly, TypeDependencies.Under(OuterLayersAndTheirFrameworks)).ShouldBeEmpty();

    [Fact]
    public void Infrastructure_should_not_reference_Web() =>
        ReferencedAssembliesUnder(typeof(OrdersDbContext).Assembly, ["Orders.Web"]).ShouldBeEmpty();

    [Fact]
    public void Infrastructure_types_should_not_use_Web() =>
        TypeDependencies.UsesIn(typeof(OrdersDbContext).Assembly, TypeDependencies.Under(["Orders.Web"])).ShouldBeEmpty();

    private static string[] ReferencedAssembliesUnder(Assembly assembly, string[] prefixes) =>
    [
        .. assembly.GetReferencedAssemblies()
            .Select(reference => reference.Name!)
            .Where(name => prefixes.Any(prefix => TypeDependencies.IsUnder(name, prefix))),
    ];
}
