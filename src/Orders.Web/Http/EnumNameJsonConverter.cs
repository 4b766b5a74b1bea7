using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orders.Web.Http;

/// <summary>
/// Enums in JSON as their contract names (<see cref="ContractEnumNames"/>), written as <see cref="JsonStringEnumConverter"/>
/// writes them. Read, a value must be one of the names: that converter also takes names joined as flags ("buy,sell"
/// would be a sell order). Numbers are refused.
/// </summary>
internal sealed class EnumNameJsonConverter(ContractEnumNames enumNames, JsonNamingPolicy namingPolicy) : JsonConverterFactory
{
    private readonly JsonStringEnumConverter _names = new(namingPolicy, allowIntegerValues: false);

    public override bool CanConvert(Type typeToConvert) => _names.CanConvert(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(OneName<>).MakeGenericType(typeToConvert), _names.CreateConverter(typeToConvert, options), enumNames)!;

    private sealed class OneName<T>(JsonConverter names, ContractEnumNames enumNames) : JsonConverter<T>
        where T : struct, Enum
    {
        private readonly JsonConverter<T> _names = (JsonConverter<T>)names;

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && enumNames.TryParse(typeof(T), reader.GetString(), out var value)
                ? (T)value
                : throw new JsonException($"Not one of {string.Join(", ", enumNames.NamesOf(typeof(T)))}.");

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => _names.Write(writer, value, options);
    }
}
