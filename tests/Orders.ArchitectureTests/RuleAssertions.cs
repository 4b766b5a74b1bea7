using NetArchTest.Rules;
using Shouldly;

namespace Orders.ArchitectureTests;

internal static class RuleAssertions
{
    /// <summary>A failure names the types that break the rule.</summary>
    public static void ShouldHold(this TestResult result) =>
        result.IsSuccessful.ShouldBeTrue($"broken by {string.Join(", ", result.FailingTypeNames ?? [])}");

    /// <summary>The selected types, which must exist: a rule over none would pass vacuously.</summary>
    public static PredicateList ShouldNotBeEmpty(this PredicateList selection, string what)
    {
        selection.GetTypes().ShouldNotBeEmpty($"a rule over no {what} would pass vacuously");
        return selection;
    }
}
