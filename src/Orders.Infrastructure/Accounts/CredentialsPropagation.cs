using Orders.Application.Abstractions.Accounts;

namespace Orders.Infrastructure.Accounts;

/// <summary>
/// Waits out every instance's cache lease (<see cref="CredentialsCache.PropagationDelay"/>): by then each has counted the
/// change or stopped trusting what it kept. The instances share the setting that times both.
/// </summary>
internal sealed class CredentialsPropagation(CredentialsCache cache, TimeProvider timeProvider) : ICredentialsPropagation
{
    public Task AwaitAsync(CancellationToken cancellationToken) =>
        cache.PropagationDelay > TimeSpan.Zero ? Task.Delay(cache.PropagationDelay, timeProvider, cancellationToken) : Task.CompletedTask;
}
