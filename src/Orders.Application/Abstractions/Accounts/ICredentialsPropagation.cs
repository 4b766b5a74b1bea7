namespace Orders.Application.Abstractions.Accounts;

/// <summary>Marks a command that changes what a key may do: revoking it, or its account's status or limits.</summary>
public interface IChangesCredentials;

/// <summary>
/// How a committed change of a key or an account reaches every instance of the service (each may keep what it read of
/// them): awaited after the commit, so that once the command answers, the very next request is answered by the change.
/// </summary>
public interface ICredentialsPropagation
{
    Task AwaitAsync(CancellationToken cancellationToken);
}
