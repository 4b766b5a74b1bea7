using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text.Json;

namespace Orders.Web.Http;

/// <summary>
/// An enum's values by their names in the contract (under its naming policy), matched in any case: a value is one
/// name, never a number nor names joined as flags. The body's JSON and the query's parameters read enums so.
/// </summary>
internal sealed class ContractEnumNames(JsonNamingPolicy namingPolicy)
{
    private readonly ConcurrentDictionary<Type, FrozenDictionary<string, object>> _valuesByType = new();

    public bool TryParse(Type enumType, string? name, out object value)
    {
        value = default!;
        return name is not null && ValuesOf(enumType).TryGetValue(name, out value!);
    }

    public IEnumerable<string> NamesOf(Type enumType) => ValuesOf(enumType).Keys;

    private FrozenDictionary<string, object> ValuesOf(Type enumType) =>
        _valuesByType.GetOrAdd(enumType, type => Enum.GetNames(type).ToFrozenDictionary(
            name => namingPolicy.ConvertName(name), name => Enum.Parse(type, name), StringComparer.OrdinalIgnoreCase));
}
