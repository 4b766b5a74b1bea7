namespace Orders.Application.Abstractions.Persistence;

/// <summary>One database transaction around a command.</summary>
public interface IUnitOfWork
{
    bool HasActiveTransaction { get; }

    /// <summary>Starts a write transaction; disposing it without committing rolls everything back.</summary>
    Task<IUnitOfWorkTransaction> BeginTransactionAsync(CancellationToken cancellationToken);
}

public interface IUnitOfWorkTransaction : IAsyncDisposable
{
    /// <summary>Saves the changes (the aggregates' events become outbox rows in the same save) and commits.</summary>
    Task CommitAsync(CancellationToken cancellationToken);
}
