using System.Collections.Concurrent;
using Orders.Application.Abstractions.Messaging;

namespace Orders.IntegrationTests.Outbox.MessageKinds;

/// <summary>A message kind of the tests' own: the relay delivers it as it delivers an order's.</summary>
public sealed record TestMessage(string Name);

/// <summary>What the handler answers, message by message, in turn; and which deliveries it saw, in order.</summary>
public sealed class TestMessageScript
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<MessageOutcome>> _answers = new();
    private readonly ConcurrentQueue<(string Name, MessageDelivery Delivery)> _handled = new();

    public IReadOnlyList<(string Name, MessageDelivery Delivery)> Handled => [.. _handled];

    /// <summary>The answers for <paramref name="name"/>; once they run out, it is done.</summary>
    public void Answer(string name, params MessageOutcome[] outcomes) => _answers[name] = new ConcurrentQueue<MessageOutcome>(outcomes);

    public MessageOutcome Next(TestMessage message, MessageDelivery delivery)
    {
        _handled.Enqueue((message.Name, delivery));
        return _answers.TryGetValue(message.Name, out var answers) && answers.TryDequeue(out var answer) ? answer : MessageOutcome.Done();
    }
}

internal sealed class TestMessageHandler(TestMessageScript script) : IMessageHandler<TestMessage>
{
    public Task<MessageOutcome> HandleAsync(TestMessage message, MessageDelivery delivery, CancellationToken cancellationToken) =>
        Task.FromResult(script.Next(message, delivery));
}
