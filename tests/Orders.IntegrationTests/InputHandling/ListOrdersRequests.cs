using System.Buffers.Text;
using System.Globalization;
using System.Text;
using CsCheck;
using Microsoft.AspNetCore.Http;
using static Orders.IntegrationTests.InputHandling.GeneratedText;

namespace Orders.IntegrationTests.InputHandling;

/// <summary>
/// GET /orders query strings: each parameter at most once, absent, valid or not; the request is valid when
/// every parameter is and <c>created_to</c> is later than <c>created_from</c>. Values are as sent, URL-encoded.
/// </summary>
internal static class ListOrdersRequests
{
    private static readonly Gen<string> NotANumberOrName = Gen.OneOf("%00", "%FF", "%C3%A9", "ten", "1.5", "1e2", "99999999999999999999");

    private static readonly Gen<Parameter?> Limit = Optional(
        "limit",
        Gen.OneOf(Gen.Int[1, 500].Select(Number), Gen.Const("")),
        Gen.OneOf(Gen.Int[int.MinValue, 0].Select(Number), Gen.Int[501, int.MaxValue].Select(Number), NotANumberOrName));

    // Names in any case; numbers, names joined as flags and near-names are not names.
    private static Gen<Parameter?> EnumName(string name, string[] names) => Optional(
        name,
        Gen.OneOf(names.Concat(names.Select(value => value.ToUpperInvariant())).Append("").ToArray()),
        Gen.OneOf(
            Gen.Int.Select(Number),
            Gen.Const(string.Join("%2C", names)),
            Gen.Const(string.Join(",", names)),
            Gen.OneOf(names).Select(value => $"%20{value}"),
            Gen.OneOf(names).Select(value => $"{value}%00"),
            Gen.Const("shipped"),
            NotANumberOrName));

    private static readonly Gen<Parameter?> Instrument = Optional(
        "instrument",
        Gen.OneOf(Alphanumeric(12, 12), Gen.Const("")),
        Gen.OneOf(
            Alphanumeric(1, 11),
            Alphanumeric(13, 40),
            Gen.Select(Alphanumeric(11, 11), NotANumberOrName, (text, other) => text + other),
            Alphanumeric(11, 11).Select(text => $"{text}%01")));

    private static readonly Gen<Parameter?> Cursor = Optional(
        "cursor",
        Gen.OneOf(Gen.Select(Gen.Long[0, DateTime.MaxValue.Ticks], Gen.Guid, (ticks, id) => CursorOf($"{ticks}:{id:N}")), Gen.Const("")),
        Gen.OneOf(
            Alphanumeric(1, 20),
            Gen.Guid.Select(id => CursorOf($"-1:{id:N}")),
            Gen.Guid.Select(id => CursorOf($"{DateTime.MaxValue.Ticks + 1}:{id:N}")),
            Gen.Const(CursorOf("x:y")),
            NotANumberOrName));

    // Unknown parameters are ignored, whatever they hold.
    private static readonly Gen<Parameter?> Unknown = Gen.OneOf("bar", "%00%FF", "%01").Select(value => new Parameter("foo", value, true)).Null(0.7);

    private static readonly Gen<Time> ValidTime =
        from ticks in Gen.Long[new DateTime(2000, 1, 1).Ticks, new DateTime(2100, 1, 1).Ticks]
        from offsetMinutes in Gen.Int[-14 * 60, 14 * 60]
        let time = new DateTimeOffset(ticks, TimeSpan.FromMinutes(offsetMinutes))
        select new Time(Uri.EscapeDataString(time.ToString("O", CultureInfo.InvariantCulture)), time);

    private static readonly Gen<Time?> CreatedAt = Gen.Frequency(
        (3, Gen.Const((Time?)null)),
        (3, ValidTime.Select(time => (Time?)time)),
        (1, Gen.OneOf(
            new Time("0001-01-01T00:00:00Z", DateTimeOffset.MinValue),
            new Time("9999-12-31T23:59:59.9999999Z", DateTimeOffset.MaxValue),
            new Time("yesterday", null),
            new Time("2026-13-01", null),
            new Time("2026-02-30T00:00:00Z", null),
            new Time("0001-01-01T00:00:00%2B14:00", null),
            new Time("99999-01-01", null),
            new Time("%FF", null)).Select(time => (Time?)time)));

    public static readonly Gen<FuzzRequest> Any =
        from limit in Limit
        from status in EnumName("status", ["pending", "placed", "partially_filled", "filled", "cancelling", "cancelled", "failed"])
        from side in EnumName("side", ["buy", "sell"])
        from instrument in Instrument
        from cursor in Cursor
        from unknown in Unknown
        from createdFrom in CreatedAt
        from createdTo in CreatedAt
        select Request([limit, status, side, instrument, cursor, unknown], createdFrom, createdTo);

    private static FuzzRequest Request(Parameter?[] parameters, Time? createdFrom, Time? createdTo)
    {
        var all = parameters.OfType<Parameter>().ToList();
        if (createdFrom is not null)
        {
            all.Add(new Parameter("created_from", createdFrom.Text, createdFrom.Value is not null));
        }

        if (createdTo is not null)
        {
            all.Add(new Parameter("created_to", createdTo.Text, createdTo.Value is not null));
        }

        var inOrder = createdFrom?.Value is not { } from || createdTo?.Value is not { } to || to > from;
        var query = all.Count == 0 ? "" : "?" + string.Join('&', all.Select(parameter => $"{parameter.Name}={parameter.Value}"));
        var changes = all.Select(parameter => $"{parameter.Name} {(parameter.IsValid ? "valid" : "invalid")}").Append(inOrder ? "" : "created_to not after created_from");
        return new FuzzRequest(
            HttpMethods.Get,
            "/orders" + query,
            [],
            [],
            BytesPerRead: 1,
            IsValid: inOrder && all.All(parameter => parameter.IsValid),
            SuccessStatus: StatusCodes.Status200OK,
            [.. changes.Where(change => change.Length > 0)]);
    }

    private static Gen<Parameter?> Optional(string name, Gen<string> valid, Gen<string> invalid) => Gen.Frequency(
        (3, Gen.Const((Parameter?)null)),
        (2, valid.Select(value => (Parameter?)new Parameter(name, value, true))),
        (1, invalid.Select(value => (Parameter?)new Parameter(name, value, false))));

    private static string CursorOf(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    private sealed record Parameter(string Name, string Value, bool IsValid);

    /// <summary>A time as sent, and its value when it is one.</summary>
    private sealed record Time(string Text, DateTimeOffset? Value);
}
