using Microsoft.Extensions.Hosting;

namespace Orders.Infrastructure.Outbox.Relay;

/// <summary>Builds the message routes as the service starts, so that a kind without a handler stops it there.</summary>
internal sealed class MessageRoutesCheck(MessageRoutes routes) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => routes.Count > 0
        ? Task.CompletedTask
        : throw new InvalidOperationException("No outbox message kind is registered.");

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
