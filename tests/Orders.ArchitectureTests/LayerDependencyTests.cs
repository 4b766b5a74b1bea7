using System.Reflection;
using NetArchTest.Rules;
using Shouldly;
using Xunit;

namespace Orders.ArchitectureTests;

/// <summary>
/// Dependencies point inwards. NetArchTest checks what each type uses and names the types that break a rule; the
/// assembly references back it up where it does not look: the type of a catch clause, a typeof in an attribute.
/// </summary>
public sealed class LayerDependencyTests
{
    private static readonly string[] OuterProjects = ["Orders.Infrastructure", "Orders.Web"];

    // Storage, HTTP and scheduling: the outer layers' business.
    private static readonly string[] OuterFrameworks = ["Microsoft.EntityFrameworkCore", "Microsoft.Data", "Npgsql", "Microsoft.AspNetCore", "Quartz"];

    [Fact]
    public void Domain_types_should_use_nothing_but_the_base_library() =>
        Types.InAssembly(Layers.Domain).Should().OnlyHaveDependenciesOn("System", "Orders.Domain").GetResult().ShouldHold();

    [Fact]
    public void Domain_should_reference_nothing_but_the_base_library() =>
        ReferencedAssemblies(Layers.Domain).ShouldAllBe(name => name.IsUnder("System"));

    [Fact]
    public void Application_types_should_not_use_Infrastructure_or_Web() =>
        Types.InAssembly(Layers.Application).ShouldNot().HaveDependencyOnAny(OuterProjects).GetResult().ShouldHold();

    [Fact]
    public void Application_types_should_not_use_EF_Core_ASP_NET_Core_database_drivers_or_Quartz() =>
        Types.InAssembly(Layers.Application).ShouldNot().HaveDependencyOnAny(OuterFrameworks).GetResult().ShouldHold();

    [Fact]
    public void Application_should_reference_no_project_but_Domain() =>
        ReferencedAssemblies(Layers.Application).Where(name => name.IsUnder("Orders")).ShouldBeSubsetOf(["Orders.Domain"]);

    [Fact]
    public void Application_should_not_reference_the_outer_frameworks() =>
        ReferencedAssemblies(Layers.Application).Where(name => OuterFrameworks.Any(name.IsUnder)).ShouldBeEmpty();

    [Fact]
    public void Infrastructure_types_should_not_use_Web() =>
        Types.InAssembly(Layers.Infrastructure).ShouldNot().HaveDependencyOn("Orders.Web").GetResult().ShouldHold();

    [Fact]
    public void Infrastructure_should_not_reference_Web() =>
        ReferencedAssemblies(Layers.Infrastructure).ShouldNotContain("Orders.Web");

    private static string[] ReferencedAssemblies(Assembly assembly) => [.. assembly.GetReferencedAssemblies().Select(reference => reference.Name!)];
}
