using MediatR;

namespace Orders.Application.Abstractions.Messaging;

/// <summary>A command a message's outcome brings with it, sent in the transaction that records the outcome.</summary>
public sealed class FollowUp
{
    private readonly Func<IMediator, CancellationToken, Task> _send;

    private FollowUp(ICommand command, Func<IMediator, CancellationToken, Task> send)
    {
        Command = command;
        _send = send;
    }

    public ICommand Command { get; }

    public static FollowUp Of<TResponse>(ICommand<TResponse> command) => new(command, (mediator, cancellationToken) => mediator.Send(command, cancellationToken));

    public Task SendAsync(IMediator mediator, CancellationToken cancellationToken) => _send(mediator, cancellationToken);
}
