using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsCheck;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using static Orders.IntegrationTests.InputHandling.GeneratedText;

namespace Orders.IntegrationTests.InputHandling;

/// <summary>
/// POST /orders requests: a valid order by the contract's rules, then changes to its fields, its bytes, its
/// Content-Type and its headers, each known to keep it valid or to make it invalid. An invalid change breaks
/// a field or the bytes for good (no later change repairs it: there is at most one change to the bytes, and
/// a field change never sets a valid value), so the request is valid exactly when every change kept it valid.
/// Not generated: a field given twice, which the JSON reader settles by taking the last.
/// </summary>
internal static class PlaceOrderRequests
{
    private static readonly string[] RequiredFields = ["type", "side", "instrument", "quantity"];

    private static readonly JsonSerializerOptions RawUnicode = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly Gen<string> Text =
        Gen.OneOf("a", "Z", "0", " ", "é", "✓", "𝄞", "\u0001", "\u001f", "\"", "\\", "/", "\u2028").Array[0, 8].Select(string.Concat);

    // Fields no order has (names are matched ignoring case, so none is a field's in another case): read past,
    // whatever they hold within the JSON limits.
    private static readonly Gen<Member> UnknownField = Gen.Select(
        Gen.OneOf("note", "client_reference", "notë"),
        Gen.OneOf(
            Text.Select(Json),
            Gen.Long.Select(Number),
            Gen.OneOf("1e400", "-0.0", "1" + new string('0', 400), "true", "false", "null", "{}", """{"a":[1,"b",{"c":null}]}"""),
            Gen.Int[1, 30].Select(depth => new string('[', depth) + new string(']', depth))),
        (name, json) => new Member(name, json));

    private static readonly Gen<Order> ValidOrder =
        from isLimit in Gen.Bool
        from side in Gen.OneOf("buy", "sell")
        from instrument in Alphanumeric(12, 12)
        from quantity in Gen.OneOf(Gen.Int[1, 1000], Gen.Int.Positive, Gen.Const(int.MaxValue))
        from price in Gen.OneOf(Gen.Long[1, 100_000].Select(Cents), Gen.Long[1, long.MaxValue].Select(Cents), Gen.Const("150.50"), Gen.Const(Number(decimal.MaxValue)))
        from sayNoPrice in Gen.Bool
        from unknown in UnknownField.Array[0, 2]
        let members = new Member[]
        {
            new("type", Json(isLimit ? "limit" : "market")),
            new("side", Json(side)),
            new("instrument", Json(instrument)),
            new("quantity", Number(quantity)),
        }
        let limitPrice = isLimit ? new Member("limit_price", price) : sayNoPrice ? new Member("limit_price", "null") : null
        from shuffled in Gen.Shuffle(members.Append(limitPrice).OfType<Member>().Concat(unknown).ToArray())
        select new Order(isLimit, shuffled);

    // A value of the wrong type or outside the rules; null only where the field is required.
    private static readonly Gen<Member> InvalidField = Gen.OneOf(
        Gen.OneOf("\"stop\"", "\"\"", "0", "1", "null", "true", "[]", "{}", "\"limit,market\"").Select(json => new Member("type", json)),
        Gen.OneOf("\"hold\"", "\"buy,sell\"", "0", "1", "null", "false", "[\"buy\"]").Select(json => new Member("side", json)),
        Gen.OneOf(
            Alphanumeric(0, 11).Select(Json),
            Alphanumeric(13, 40).Select(Json),
            Gen.Select(
                Alphanumeric(11, 11),
                Gen.OneOf(Gen.Char['\0', '/'], Gen.Char[':', '@'], Gen.Char['\u007f', '\uffef'].Where(c => !char.IsSurrogate(c))),
                Gen.Int[0, 11],
                (text, other, at) => Json(text.Insert(at, other.ToString()))),
            Alphanumeric(11, 11).Select(text => $"\"{text}\u0001\""),
            Gen.OneOf("12345678901", "null", "true", "[]", "{}")).Select(json => new Member("instrument", json)),
        Gen.OneOf(
            Gen.Int[int.MinValue, 0].Select(Number),
            Gen.OneOf("1.5", "\"10\"", "2147483648", "1e400", "99999999999999999999999999999999", "1E2", "null", "true", "[]", "{}")).Select(json => new Member("quantity", json)),
        Gen.OneOf("0", "-1.5", "1.234", "\"150\"", "0.001", "79228162514264337593543950336", "1e400", "-79228162514264337593543950335", "true", "[]", "{}")
            .Select(json => new Member("limit_price", json)));

    private static Gen<Change<Member[]>> FieldChange(bool isLimit) => Gen.Frequency(
        (4, InvalidField.Select(field => Change.Invalid<Member[]>($"{field.Name} = {field.Json}", members => Replace(members, field)))),
        (1, Gen.OneOf(isLimit ? [.. RequiredFields, "limit_price"] : RequiredFields)
            .Select(name => Change.Invalid<Member[]>($"no {name}", members => [.. members.Where(member => member.Name != name)]))),
        (1, Gen.Int[100, 5000].Select(depth => Change.Invalid<Member[]>(
            $"an unknown field nested {depth} deep (more than the reader's 64)",
            members => [.. members, new Member("deep", new string('[', depth) + new string(']', depth))]))),
        (1, Gen.Char['\0', '\u001f'].Select(control => Change.Invalid<Member[]>(
            $"a raw control character \\x{(int)control:X2} in an unknown field's string",
            members => [.. members, new Member("note", $"\"a{control}b\"")]))));

    private static readonly Gen<byte[]> NotUtf8 = Gen.OneOf<byte[]>(
        [0xFF], [0xFE], [0x80], [0xC0, 0xAF], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]);

    // At most one: a second could undo the first (a truncation removing inserted bytes).
    private static readonly Gen<Change<byte[]>> ByteChange = Gen.Frequency(
        (12, Gen.Const(Change.Valid<byte[]>("", bytes => bytes))),
        (1, Gen.Const(Change.Valid<byte[]>("a UTF-8 byte order mark first", bytes => [0xEF, 0xBB, 0xBF, .. bytes]))),
        (3, Gen.Select(NotUtf8, Gen.Int[0, 1000], (bad, permille) => Change.Invalid<byte[]>(
            $"bytes {Convert.ToHexString(bad)}, not UTF-8, at {permille / 10.0} %",
            bytes => [.. bytes[..At(bytes, permille)], .. bad, .. bytes[At(bytes, permille)..]]))),
        (1, Gen.Int[0, 999].Select(permille => Change.Invalid<byte[]>(
            $"cut at {permille / 10.0} %", bytes => bytes[..At(bytes, permille)]))),
        (1, Gen.Byte.Array[0, 64].Select(junk => Change.Invalid<byte[]>("random bytes instead", _ => junk))),
        (1, Gen.OneOf("", "[]", "null", "\"order\"", "123", new string('[', 10_000), new string('{', 10_000)).Select(json => Change.Invalid<byte[]>(
            $"{(json.Length > 20 ? json[..20] + "..." : json)} instead", _ => Encoding.UTF8.GetBytes(json)))),
        (1, Gen.Const(Change.Invalid<byte[]>("the order in an array", bytes => [(byte)'[', .. bytes, (byte)']']))));

    // The header, and how the body is encoded for it.
    private static readonly Gen<(StringValues Header, Change<byte[]> Encoding)> ContentType = Gen.Frequency(
        (6, Gen.OneOf("application/json", "application/json; charset=utf-8", "application/json;charset=UTF-8", "Application/JSON")
            .Select(header => (new StringValues(header), Change.Valid<byte[]>(header, bytes => bytes)))),
        (1, Gen.OneOf(
            ("utf-16", Encoding.Unicode, false),
            ("utf-16", Encoding.Unicode, true),
            ("utf-16be", Encoding.BigEndianUnicode, false),
            ("iso-8859-1", Encoding.Latin1, false),
            ("us-ascii", Encoding.ASCII, false),
            ("utf-32", Encoding.UTF32, false)).Select(charset => (
                new StringValues($"application/json; charset={charset.Item1}"),
                Change.Invalid<byte[]>(
                    $"charset={charset.Item1}{(charset.Item3 ? ", an odd number of bytes" : "")}",
                    bytes => [.. charset.Item2.GetBytes(Encoding.UTF8.GetString(bytes)), .. charset.Item3 ? "}"u8.ToArray() : []])))),
        (1, Gen.OneOf(
            StringValues.Empty,
            new StringValues("text/plain"),
            new StringValues("application/xml"),
            new StringValues("application/json; charset=bogus"),
            new StringValues(["application/json", "application/json"])).Select(header => (header, Change.Invalid<byte[]>($"Content-Type: {header}", bytes => bytes)))));

    private static readonly Gen<Change<StringValues>> IdempotencyKeyHeader = Gen.Frequency(
        (4, Gen.Const(Change.To("", true, StringValues.Empty))),
        // A header's value excludes the spaces around it (RFC 9110, 5.5): a key of spaces only is an empty key.
        (3, Gen.OneOf(Gen.Char[' ', '~'].Array[1, 64], Gen.Char[' ', '~'].Array[255])
            .Select(key => Change.To(key.All(character => character == ' ') ? "a key of spaces only" : "a key", key.Any(character => character != ' '), new StringValues(new string(key))))),
        (1, Gen.OneOf(
            Gen.Const(("an empty key", "")),
            Gen.Char[' ', '~'].Array[256, 300].Select(key => ("a key over 255 characters", new string(key))),
            Gen.Select(Gen.Char[' ', '~'].Array[0, 20], Gen.OneOf(Gen.Char['\0', '\u001f'], Gen.Const('\u007f'), Gen.Const('é')), (key, other) => ("a key with a character that is not printable ASCII", new string(key) + other)))
            .Select(key => Change.To(key.Item1, false, new StringValues(key.Item2)))),
        (1, Gen.Select(Gen.Char['!', '~'].Array[1, 20], Gen.Bool, (key, same) => Change.To(
            same ? "the same key twice" : "two keys", false, new StringValues([new string(key), same ? new string(key) : new string(key) + "2"])))));

    // Headers the service does not read.
    private static readonly Gen<(string Name, StringValues Values)> OtherHeader = Gen.OneOf(
        Text.Select(text => ("X-Request-Note", new StringValues(text))),
        Gen.Const(("X-Request-Note", new StringValues(["one", "two"]))),
        Gen.OneOf("text/html", "application/xml", "*/*", "application/json, text/plain").Select(accept => ("Accept", new StringValues(accept))));

    public static readonly Gen<FuzzRequest> Any =
        from order in ValidOrder
        from fieldChanges in Gen.Frequency((2, Gen.Const(Array.Empty<Change<Member[]>>())), (1, FieldChange(order.IsLimit).Array[1, 2]))
        from whitespace in Gen.Char[" \t\r\n"].Array[0, 2]
        from byteChange in ByteChange
        from contentType in ContentType
        from key in IdempotencyKeyHeader
        from otherHeaders in OtherHeader.Array[0, 2]
        from bytesPerRead in Gen.OneOf(1, 2, 3, 7, 64, 65536)
        select Request(order, fieldChanges, new string(whitespace), byteChange, contentType, key, otherHeaders, bytesPerRead);

    private static FuzzRequest Request(
        Order order,
        Change<Member[]>[] fieldChanges,
        string whitespace,
        Change<byte[]> byteChange,
        (StringValues Header, Change<byte[]> Encoding) contentType,
        Change<StringValues> key,
        (string Name, StringValues Values)[] otherHeaders,
        int bytesPerRead)
    {
        var members = fieldChanges.Aggregate(order.Members, (current, change) => change.Apply(current));
        var separator = $"{whitespace},{whitespace}";
        var json = $"{{{whitespace}{string.Join(separator, members.Select(member => $"{Json(member.Name)}{whitespace}:{whitespace}{member.Json}"))}{whitespace}}}";
        var body = contentType.Encoding.Apply(byteChange.Apply(Encoding.UTF8.GetBytes(json)));
        var keyValues = key.Apply(StringValues.Empty);
        var headers = new List<(string Name, StringValues Values)> { ("Content-Type", contentType.Header) };
        if (keyValues.Count > 0)
        {
            headers.Add(("Idempotency-Key", keyValues));
        }

        headers.AddRange(otherHeaders);
        var changes = new[] { order.IsLimit ? "a limit order" : "a market order" }
            .Concat(fieldChanges.Select(change => change.Description))
            .Append(byteChange.Description)
            .Append(contentType.Encoding.Description)
            .Append(key.Description)
            .Where(description => description.Length > 0)
            .ToList();
        var isValid = fieldChanges.All(change => change.KeepsValid) && byteChange.KeepsValid && contentType.Encoding.KeepsValid && key.KeepsValid;
        return new FuzzRequest(HttpMethods.Post, "/orders", headers, body, bytesPerRead, isValid, StatusCodes.Status201Created, changes);
    }

    private static Member[] Replace(Member[] members, Member field) =>
        members.Any(member => member.Name == field.Name)
            ? [.. members.Select(member => member.Name == field.Name ? field : member)]
            : [.. members, field];

    private static int At(byte[] bytes, int permille) => bytes.Length * permille / 1000;

    private static string Json(string text) => JsonSerializer.Serialize(text, RawUnicode);

    private static string Cents(long cents) => Number(cents / 100m);

    private sealed record Order(bool IsLimit, Member[] Members);
}

/// <summary>A JSON object's member: its name and its value as JSON text.</summary>
internal sealed record Member(string Name, string Json);
