namespace Orders.Application.Abstractions.Audit;

/// <summary>Who is acting: the operator key's id on a request, <see cref="CommandLine"/> for the operators' commands.</summary>
public interface IOperatorIdentity
{
    public const string CommandLine = "command-line";

    string Name { get; }
}
