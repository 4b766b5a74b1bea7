using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Orders.Application.Telemetry;

namespace Orders.IntegrationTests.Fixtures;

/// <summary>
/// What one service's own meter records, as an OpenTelemetry reader would collect it: only the instruments of that
/// service's meter factory, so other services running in the same test process add nothing.
/// </summary>
public sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Recorded> _recorded = new();
    private readonly ConcurrentDictionary<string, double> _observed = new();

    public MetricsRecorder(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == OrdersTelemetry.Name && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Keep(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Keep(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>The sum of a counter's increments whose attributes include <paramref name="attributes"/>.</summary>
    public double Sum(string instrument, params (string Key, string Value)[] attributes) => Matching(instrument, attributes).Sum(recorded => recorded.Value);

    /// <summary>How many values a histogram recorded with <paramref name="attributes"/> among their attributes.</summary>
    public int Count(string instrument, params (string Key, string Value)[] attributes) => Matching(instrument, attributes).Count();

    /// <summary>A gauge's value now (it is observed, as a scrape observes it), or null when it reports none.</summary>
    public double? Observe(string instrument)
    {
        _observed.Clear();
        _listener.RecordObservableInstruments();
        return _observed.TryGetValue(instrument, out var value) ? value : null;
    }

    public void Dispose() => _listener.Dispose();

    private IEnumerable<Recorded> Matching(string instrument, (string Key, string Value)[] attributes) =>
        _recorded.Where(recorded => recorded.Instrument == instrument && attributes.All(attribute => recorded.Has(attribute.Key, attribute.Value)));

    private void Keep(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (instrument.IsObservable)
        {
            _observed[instrument.Name] = value;
        }
        else
        {
            _recorded.Enqueue(new Recorded(instrument.Name, value, tags.ToArray()));
        }
    }

    private sealed record Recorded(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)
    {
        public bool Has(string key, string value) => Tags.Any(tag => tag.Key == key && Equals(tag.Value, value));
    }
}
