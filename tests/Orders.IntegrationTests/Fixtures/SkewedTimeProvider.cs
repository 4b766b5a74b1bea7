namespace Orders.IntegrationTests.Fixtures;

/// <summary>A real clock that is wrong by a fixed amount, as a badly synchronised machine's is.</summary>
public sealed class SkewedTimeProvider(TimeSpan skew) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + skew;
}
