using Xunit;

namespace Orders.ArchitectureTests;

/// <summary>Handlers, validators and EF configurations are found by scanning, so nothing outside their assembly needs to see them.</summary>
public sealed class StyleTests
{
    [Fact]
    public void Application_handlers_should_be_internal_and_sealed() =>
        Kinds.Handlers().ShouldNotBeEmpty("handlers").Should().NotBePublic().And().BeSealed().GetResult().ShouldHold();

    [Fact]
    public void Application_validators_should_be_internal_and_sealed() =>
        Kinds.Validators().ShouldNotBeEmpty("validators").Should().NotBePublic().And().BeSealed().GetResult().ShouldHold();

    [Fact]
    public void Infrastructure_entity_type_configurations_should_be_internal_and_sealed() =>
        Kinds.EntityTypeConfigurations().ShouldNotBeEmpty("entity type configurations").Should().NotBePublic().And().BeSealed().GetResult().ShouldHold();
}
