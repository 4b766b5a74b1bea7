using Xunit;

namespace Orders.ArchitectureTests;

/// <summary>A type's name says what kind of type it is: the use case's name, then its kind.</summary>
public sealed class NamingTests
{
    [Fact]
    public void Handlers_should_be_named_Handler() =>
        Kinds.Handlers().ShouldNotBeEmpty("handlers").Should().HaveNameEndingWith("Handler", StringComparison.Ordinal).GetResult().ShouldHold();

    [Fact]
    public void Validators_should_be_named_Validator() =>
        Kinds.Validators().ShouldNotBeEmpty("validators").Should().HaveNameEndingWith("Validator", StringComparison.Ordinal).GetResult().ShouldHold();

    [Fact]
    public void Commands_should_be_named_Command() =>
        Kinds.Commands().ShouldNotBeEmpty("commands").Should().HaveNameEndingWith("Command", StringComparison.Ordinal).GetResult().ShouldHold();

    [Fact]
    public void Queries_should_be_named_Query() =>
        Kinds.Queries().ShouldNotBeEmpty("queries").Should().HaveNameEndingWith("Query", StringComparison.Ordinal).GetResult().ShouldHold();

    [Fact]
    public void Entity_type_configurations_should_be_named_Configuration() =>
        Kinds.EntityTypeConfigurations().ShouldNotBeEmpty("entity type configurations")
            .Should().HaveNameEndingWith("Configuration", StringComparison.Ordinal).GetResult().ShouldHold();
}
