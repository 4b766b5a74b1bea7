using System.Text.Json;
using Orders.Application.Abstractions.Exchange;

namespace Orders.Infrastructure.Exchange;

/// <summary>
/// An execution report as the exchange's HTTP API and its webhook carry it (snake_case on the wire). The kind is
/// spelled out rather than derived from the enum's names, so a rename cannot change the wire format.
/// </summary>
internal sealed record ExecutionReportWire(
    string SessionId,
    long Sequence,
    string ExecutionId,
    Guid ClientOrderId,
    string ExchangeOrderId,
    string Kind,
    int LastQuantity,
    decimal LastPrice,
    int CumulativeQuantity,
    int LeavesQuantity,
    decimal AveragePrice,
    DateTime TransactTime,
    string? Reason)
{
    private static readonly Dictionary<ExecutionKind, string> KindNames = new()
    {
        [ExecutionKind.Fill] = "fill",
        [ExecutionKind.Cancelled] = "cancelled",
        [ExecutionKind.CancelRejected] = "cancel_rejected",
    };

    public static ExecutionReportWire From(ExecutionReport report) => new(
        report.SessionId, report.Sequence, report.ExecutionId, report.ClientOrderId, report.ExchangeOrderId, KindNames[report.Kind],
        report.LastQuantity, report.LastPrice, report.CumulativeQuantity, report.LeavesQuantity, report.AveragePrice, report.TransactTime, report.Reason);

    /// <exception cref="FormatException">The kind is not one of the wire's.</exception>
    public ExecutionReport ToReport() => new(
        SessionId, Sequence, ExecutionId, ClientOrderId, ExchangeOrderId, WireNames.Parse(KindNames, Kind, "kind"),
        LastQuantity, LastPrice, CumulativeQuantity, LeavesQuantity, AveragePrice, TransactTime, Reason);
}

/// <summary>What the exchange holds for a client order id, on the wire.</summary>
internal sealed record OrderStatusWire(string State, string? ExchangeOrderId, IReadOnlyList<ExecutionReportWire> Executions)
{
    private static readonly Dictionary<ExchangeOrderState, string> StateNames = new()
    {
        [ExchangeOrderState.Unknown] = "unknown",
        [ExchangeOrderState.Open] = "open",
        [ExchangeOrderState.Filled] = "filled",
        [ExchangeOrderState.Cancelled] = "cancelled",
    };

    public static OrderStatusWire From(ExchangeOrderStatus status) =>
        new(StateNames[status.State], status.ExchangeOrderId, [.. status.Executions.Select(ExecutionReportWire.From)]);

    /// <exception cref="FormatException">A state or kind is not one of the wire's.</exception>
    public ExchangeOrderStatus ToStatus() =>
        new(WireNames.Parse(StateNames, State, "state"), ExchangeOrderId, [.. Executions.Select(report => report.ToReport())]);
}

/// <summary>A page of a session's reports, on the wire.</summary>
internal sealed record ExecutionsPageWire(string SessionId, long LastSequence, IReadOnlyList<ExecutionReportWire> Reports)
{
    public static ExecutionsPageWire From(ExecutionsPage page) =>
        new(page.SessionId, page.LastSequence, [.. page.Reports.Select(ExecutionReportWire.From)]);

    /// <exception cref="FormatException">A kind is not one of the wire's.</exception>
    public ExecutionsPage ToPage() => new(SessionId, LastSequence, [.. Reports.Select(report => report.ToReport())]);
}

/// <summary>The exchange's JSON: snake_case, every field of a record required, null only where the record allows it.</summary>
public static class ExchangeJson
{
    internal static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>One execution report, as the exchange's webhook sends it.</summary>
    /// <exception cref="JsonException">The text is not a report.</exception>
    /// <exception cref="FormatException">The kind is not one of the wire's.</exception>
    public static ExecutionReport ReadReport(string json) =>
        (JsonSerializer.Deserialize<ExecutionReportWire>(json, Options) ?? throw new JsonException("The report is null.")).ToReport();
}

internal static class WireNames
{
    public static T Parse<T>(Dictionary<T, string> names, string name, string field)
        where T : struct, Enum =>
        names.FirstOrDefault(pair => pair.Value == name) is { Value: not null } match
            ? match.Key
            : throw new FormatException($"Unknown {field} '{name}'.");
}
