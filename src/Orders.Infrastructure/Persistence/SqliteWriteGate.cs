using Microsoft.Extensions.Options;

namespace Orders.Infrastructure.Persistence;

/// <summary>
/// SQLite takes one writer at a time. Writers that would otherwise meet at its lock queue here instead, in
/// order and without waiting: SQLite's busy handler retries after sleeps of 1, 2, 5, 10… ms, during which
/// the lock is mostly free and the CPU idle. On PostgreSQL there is nothing to queue for.
/// Not re-entrant: enter it only where no write transaction of this process is open.
/// </summary>
internal sealed class SqliteWriteGate(IOptions<DatabaseOptions> options)
{
    private readonly SemaphoreSlim? _writer = options.Value.Provider == DatabaseProvider.Sqlite ? new(1, 1) : null;

    public async ValueTask<Entered> EnterAsync(CancellationToken cancellationToken)
    {
        if (_writer is not null)
        {
            await _writer.WaitAsync(cancellationToken);
        }

        return new Entered(_writer);
    }

    /// <summary>Leaves the gate when disposed.</summary>
    public readonly struct Entered(SemaphoreSlim? writer) : IDisposable
    {
        public void Dispose() => writer?.Release();
    }
}
