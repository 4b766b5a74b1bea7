using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Orders.Application.Abstractions.Serialization;

namespace Orders.Web.Http;

/// <summary>The controllers' own JSON options: a value written here reads exactly as an answer of theirs.</summary>
internal sealed class ContractJson(IOptions<JsonOptions> options) : IContractJson
{
    public string Serialize<T>(T value) => JsonSerializer.Serialize(value, options.Value.JsonSerializerOptions);
}
