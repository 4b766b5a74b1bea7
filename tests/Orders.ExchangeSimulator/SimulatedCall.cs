namespace Orders.ExchangeSimulator;

/// <summary>What every call meets: the latency, then perhaps "connection not available"; and how its answers look.</summary>
internal static class SimulatedCall
{
    /// <summary>Waits the latency; answers 503 (and counts the failed call) as often as the failure rate says, else null.</summary>
    public static async Task<IResult?> FailedAsync(ExchangeSimulatorOptions options, CallLog log, CancellationToken cancellationToken)
    {
        await Task.Delay(options.Latency, cancellationToken);
        if (Random.Shared.NextDouble() < options.FailureRate)
        {
            log.RecordFailedCall();
            return Unavailable();
        }

        return null;
    }

    /// <summary>Whether a call that did its work loses its reply, as often as the lost-reply rate says.</summary>
    public static bool LosesReply(ExchangeSimulatorOptions options) => Random.Shared.NextDouble() < options.LostReplyRate;

    public static IResult Unavailable() => Error(StatusCodes.Status503ServiceUnavailable, "connection not available");

    public static IResult Error(int status, string message) => Results.Json(new ErrorResponse(message), WireFormat.Json, statusCode: status);

    public static IResult Json(object value, int status = StatusCodes.Status200OK) => Results.Json(value, WireFormat.Json, statusCode: status);
}

internal sealed record ErrorResponse(string Error);
