using Mono.Cecil;
using NetArchTest.Rules;
using Xunit;

namespace Orders.ArchitectureTests;

/// <summary>A command or query is a value: what the pipeline validated is what its handler gets.</summary>
public sealed class RequestTests
{
    [Fact]
    public void Commands_should_be_immutable() =>
        Kinds.Commands().ShouldNotBeEmpty("commands").Should().MeetCustomRule(new Immutable()).GetResult().ShouldHold();

    [Fact]
    public void Queries_should_be_immutable() =>
        Kinds.Queries().ShouldNotBeEmpty("queries").Should().MeetCustomRule(new Immutable()).GetResult().ShouldHold();

    /// <summary>
    /// Every field readonly (or a constant) and every setter init-only. NetArchTest's own BeImmutable() counts a
    /// record's init-only properties as mutable (their setters are public) and a private field as immutable.
    /// </summary>
    private sealed class Immutable : ICustomRule
    {
        public bool MeetsRule(TypeDefinition type) =>
            type.Fields.All(field => field.IsInitOnly || field.IsLiteral)
            && type.Properties.All(property => property.SetMethod is null || IsInitOnly(property.SetMethod));

        private static bool IsInitOnly(MethodDefinition setter) =>
            setter.ReturnType is RequiredModifierType { ModifierType.FullName: "System.Runtime.CompilerServices.IsExternalInit" };
    }
}
