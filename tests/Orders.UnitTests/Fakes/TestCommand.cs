using Orders.Application.Abstractions.Messaging;

namespace Orders.UnitTests.Fakes;

/// <summary>A command of the tests' own, so that the behaviors are tested apart from any use case.</summary>
internal sealed record TestCommand(string? Name, int Count) : ICommand<string>;
