namespace Orders.Application.Abstractions.Serialization;

/// <summary>
/// The API's JSON, written as its answers are: a text stored now and sent to a client later (an order event's
/// data) reads exactly as the answer it stands for.
/// </summary>
public interface IContractJson
{
    string Serialize<T>(T value);
}
