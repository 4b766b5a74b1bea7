using System.Reflection;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Orders.Web.Controllers;
using Shouldly;
using Xunit;

namespace Orders.ArchitectureTests;

/// <summary>Controllers translate HTTP to MediatR requests and back; everything else happens behind IMediator.</summary>
public sealed class ControllerTests
{
    [Fact]
    public void Controllers_should_not_depend_on_EF_Core_Infrastructure_or_any_DbContext()
    {
        var mustNotUse = TypeDependencies.Under(["Microsoft.EntityFrameworkCore", "Orders.Infrastructure"]);

        Controllers()
            .SelectMany(controller => TypeDependencies.UsesBy(controller, type => mustNotUse(type) || TypeDependencies.DerivesFrom(type, typeof(DbContext))))
            .ShouldBeEmpty();
    }

    [Fact]
    public void Controllers_should_take_only_IMediator_in_their_constructors() =>
        Controllers()
            .SelectMany(controller => controller.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            .SelectMany(constructor => constructor.GetParameters())
            .Where(parameter => parameter.ParameterType != typeof(IMediator))
            .Select(parameter => $"{parameter.Member.DeclaringType} takes {parameter.ParameterType} {parameter.Name}")
            .ShouldBeEmpty();

    private static Type[] Controllers()
    {
        Type[] controllers = [.. typeof(OrdersController).Assembly.GetTypes().Where(type => type.IsAssignableTo(typeof(ControllerBase)))];
        controllers.ShouldNotBeEmpty("a rule over no controllers would pass vacuously");
        return controllers;
    }
}
