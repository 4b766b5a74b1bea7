using Microsoft.Extensions.Logging;

namespace Orders.Infrastructure.Exchange;

/// <summary>
/// Tells of an exchange outage in a few lines whatever the traffic: the circuit opened, is still open (at most once
/// a minute while its probe calls keep failing), closed. The calls it holds back are not logged one by one. Polly
/// runs the circuit's callbacks one at a time, so no lock is needed.
/// </summary>
internal sealed class CircuitLog(TimeProvider timeProvider, ILogger logger)
{
    private static readonly TimeSpan StillOpenInterval = TimeSpan.FromMinutes(1);

    private DateTimeOffset? _openedAt;
    private DateTimeOffset _toldAt;

    public void Opened(TimeSpan breakDuration)
    {
        var now = timeProvider.GetUtcNow();
        if (_openedAt is not { } openedAt)
        {
            _openedAt = _toldAt = now;
            logger.LogWarning("Exchange circuit opened: calls are held back for {BreakDuration} at a time, until a probe call succeeds", breakDuration);
        }
        else if (now - _toldAt >= StillOpenInterval)
        {
            _toldAt = now;
            logger.LogWarning("Exchange circuit still open after {Outage}: probe calls keep failing", now - openedAt);
        }
    }

    public void Closed()
    {
        var now = timeProvider.GetUtcNow();
        logger.LogInformation("Exchange circuit closed after {Outage}: calls go through again", now - (_openedAt ?? now));
        _openedAt = null;
    }
}
