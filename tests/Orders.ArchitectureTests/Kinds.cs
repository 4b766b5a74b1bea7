using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NetArchTest.Rules;
using Orders.Application.Abstractions.Messaging;

namespace Orders.ArchitectureTests;

/// <summary>The kinds of type the conventions speak of, each found by what it implements or derives from.</summary>
internal static class Kinds
{
    // NetArchTest's ImplementInterface sees the interfaces a type declares, not those its base class brings:
    // a handler built on one of MediatR's base classes is found by that base.
    public static PredicateList Handlers() =>
        Types.InAssembly(Layers.Application).That()
            .ImplementInterface(typeof(IRequestHandler<,>))
            .Or().ImplementInterface(typeof(IMessageHandler<>))
            .Or().Inherit(typeof(RequestHandler<,>))
            .Or().Inherit(typeof(RequestHandler<>))
            .Or().Inherit(typeof(AsyncRequestHandler<>));

    public static PredicateList Validators() => Types.InAssembly(Layers.Application).That().Inherit(typeof(AbstractValidator<>));

    public static PredicateList Commands() => Types.InAssembly(Layers.Application).That().AreClasses().And().ImplementInterface(typeof(ICommand));

    public static PredicateList Queries() => Types.InAssembly(Layers.Application).That().AreClasses().And().ImplementInterface(typeof(IQuery<>));

    public static PredicateList EntityTypeConfigurations() =>
        Types.InAssembly(Layers.Infrastructure).That().ImplementInterface(typeof(IEntityTypeConfiguration<>));

    public static PredicateList Controllers() => Types.InAssembly(Layers.Web).That().Inherit(typeof(ControllerBase));
}
