using System.Reflection;
using MediatR;
using Microsoft.EntityFrameworkCore;
using NetArchTest.Rules;
using Orders.Application.Abstractions.Exchange;
using Orders.Application.Abstractions.Idempotency;
using Orders.Application.Abstractions.Messaging;
using Orders.Application.Abstractions.Operations;
using Orders.Application.Abstractions.Persistence;
using Shouldly;
using Xunit;

namespace Orders.ArchitectureTests;

/// <summary>
/// Controllers translate HTTP to MediatR requests and back; everything else happens behind IMediator. The rules
/// on what they use are on Cecil: NetArchTest 1.3.2 does not see a catch clause's type nor a typeof in an
/// attribute (a planted catch of DbUpdateConcurrencyException in a controller passed it), and Web references
/// Infrastructure and EF Core, so no assembly reference betrays such a use.
/// </summary>
public sealed class ControllerTests
{
    // Ardalis.Result: the use cases' answers, which controllers hand to the one result mapping.
    private static readonly string[] MayUse =
        ["System", "Microsoft.AspNetCore", "Microsoft.Extensions.Primitives", "MediatR", "Ardalis.Result", "Orders.Web", "Orders.Application", "Orders.Domain"];

    // The use cases' ports: a controller that reached one would do a use case's work outside the pipeline.
    private static readonly string[] Ports =
    [
        typeof(IOrderRepository).Namespace!,
        typeof(IStockExchange).Namespace!,
        typeof(IIdempotencyStore).Namespace!,
        typeof(IMessageHandler<>).Namespace!,
        typeof(IJobsMonitor).FullName!,
        typeof(IDeadLetters).FullName!,
    ];

    [Fact]
    public void Controllers_should_use_only_ASP_NET_Core_MediatR_and_the_inner_layers() =>
        UsesByControllers().Where(use => !MayUse.Any(use.UsedNamespace.IsUnder)).ShouldBeEmpty();

    [Fact]
    public void Controllers_should_reach_the_use_cases_only_through_MediatR()
    {
        string[] bypasses = [.. Ports, .. Kinds.Handlers().ShouldNotBeEmpty("handlers").GetTypes().Select(handler => handler.FullName!)];

        UsesByControllers().Where(use => bypasses.Any(use.Used.IsUnder)).ShouldBeEmpty();
    }

    // NetArchTest has no rule over constructor parameters.
    [Fact]
    public void Controllers_should_take_only_IMediator_in_their_constructors() =>
        Controllers()
            .SelectMany(controller => controller.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            .SelectMany(constructor => constructor.GetParameters())
            .Where(parameter => parameter.ParameterType != typeof(IMediator))
            .Select(parameter => $"{parameter.Member.DeclaringType} takes {parameter.ParameterType} {parameter.Name}")
            .ShouldBeEmpty();

    // The database is Infrastructure's: a context of Web's own would let a controller query it under a Web name.
    [Fact]
    public void Web_should_declare_no_DbContext() =>
        Types.InAssembly(Layers.Web).ShouldNot().Inherit(typeof(DbContext)).GetResult().ShouldHold();

    private static Type[] Controllers() => [.. Kinds.Controllers().ShouldNotBeEmpty("controllers").GetTypes()];

    private static IEnumerable<TypeUse> UsesByControllers()
    {
        var controllers = Controllers().Select(controller => controller.FullName).ToHashSet();
        return TypeUses.In(Layers.Web).Where(use => controllers.Contains(use.User));
    }
}
