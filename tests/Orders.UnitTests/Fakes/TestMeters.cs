using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Orders.UnitTests.Fakes;

/// <summary>The meter factory a host registers, for the handlers that count what they do.</summary>
internal static class TestMeters
{
    public static IMeterFactory Factory { get; } = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
}
