using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orders.Web.Http;

/// <summary>
/// Enums in JSON as their names under a naming policy, written as <see cref="JsonStringEnumConverter"/> writes
/// them. Read, a value must be one of the names (in any case): that converter also takes names joined as
/// flags ("buy,sell" would be a sell order). Numbers are refused.
/// </summary>
internal sealed class EnumNameJsonConverter(JsonNamingPolicy namingPolicy) : JsonConverterFactory
{
    private readonly JsonStringEnumConverter _names = new(namingPolicy, allowIntegerValues: false);

    public override bool CanConvert(Type typeToConvert) => _names.CanConvert(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(
            typeof(OneName<>).MakeGenericType(typeToConvert),
            _names.CreateConverter(typeToConvert, options),
            Enum.GetNames(typeToConvert).Select(namingPolicy.ConvertName).ToArray())!;

    private sealed class OneName<T>(JsonConverter names, string[] validNames) : JsonConverter<T>
        where T : struct, Enum
    {
        private readonly JsonConverter<T> _names = (JsonConverter<T>)names;

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && validNames.Contains(reader.GetString(), StringComparer.OrdinalIgnoreCase)
                ? _names.Read(ref reader, typeToConvert, options)
                : throw new JsonException($"Not one of {string.Join(", ", validNames)}.");

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => _names.Write(writer, value, options);
    }
}
