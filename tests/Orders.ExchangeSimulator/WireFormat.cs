using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orders.ExchangeSimulator;

/// <summary>The API's JSON: snake_case names and enum values, strict numbers.</summary>
internal static class WireFormat
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };
}
