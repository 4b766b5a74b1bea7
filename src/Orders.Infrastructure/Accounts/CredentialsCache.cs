using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Orders.Infrastructure.Accounts;

/// <summary>
/// The keys and accounts this instance has read, kept only while they are provably current, so that a request in
/// steady use reads neither. <see cref="CredentialsChangeWatch"/> reads the number of credential changes every
/// <see cref="AuthOptions.CredentialsRefresh"/>; a change starts a new epoch, and a kept read of an older epoch is
/// never served again. The cache is trusted only for <see cref="Lease"/> after the start of the last read of that
/// number; a command that changes a key or an account waits <see cref="PropagationDelay"/> after its commit, so once
/// it returns every instance has either seen the change or stopped trusting its cache: the very next request is
/// answered by the change, wherever it lands.
/// </summary>
internal sealed class CredentialsCache(TimeProvider timeProvider, IOptions<AuthOptions> options)
{
    // A change made around the commands (a manual UPDATE) is not counted: no kept read outlives this.
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);
    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<string, Kept<StoredKey>> _keys = new();
    private readonly ConcurrentDictionary<Guid, Kept<StoredAccountTerms>> _accounts = new();
    private long _epoch;
    private long _changes = -1;
    private long _observedAt = -1;

    private TimeSpan Lease => 2 * options.Value.CredentialsRefresh;

    /// <summary>How long a command that changed a key or an account waits before it answers.</summary>
    public TimeSpan PropagationDelay => options.Value.CredentialsRefresh <= TimeSpan.Zero ? TimeSpan.Zero : Lease + options.Value.CredentialsRefresh;

    /// <summary>The epoch a read starting now belongs to; null while the cache is not trusted (nothing is kept then).</summary>
    public long? Epoch
    {
        get
        {
            var observedAt = Volatile.Read(ref _observedAt);
            return observedAt >= 0 && timeProvider.GetElapsedTime(observedAt) < Lease ? Volatile.Read(ref _epoch) : null;
        }
    }

    public Kept<StoredKey>? FindKey(byte[] secretHash) => Current(_keys, Convert.ToHexString(secretHash));

    /// <summary>Keeps a key read in <paramref name="epoch"/>: dropped when a change has been seen since.</summary>
    public void Keep(byte[] secretHash, StoredKey key, long? epoch) => Keep(_keys, Convert.ToHexString(secretHash), key, epoch);

    /// <summary>Puts back a kept key with its last-used time changed: still of the epoch it was read in.</summary>
    public void Update(byte[] secretHash, Kept<StoredKey> kept)
    {
        if (kept.Epoch == Epoch)
        {
            _keys[Convert.ToHexString(secretHash)] = kept;
        }
    }

    public Kept<StoredAccountTerms>? FindAccount(Guid accountId) => Current(_accounts, accountId);

    public void Keep(StoredAccountTerms account, long? epoch) => Keep(_accounts, account.AccountId, account, epoch);

    /// <summary>
    /// The number of credential changes, as a read that started at <paramref name="readStartedAt"/> found it: a new
    /// number ends every kept read; either way the cache is trusted for a lease from that start.
    /// </summary>
    public void Observed(long changes, long readStartedAt)
    {
        if (changes != _changes)
        {
            _changes = changes;
            Interlocked.Increment(ref _epoch);
            _keys.Clear();
            _accounts.Clear();
        }

        Volatile.Write(ref _observedAt, readStartedAt);
    }

    private Kept<T>? Current<TKey, T>(ConcurrentDictionary<TKey, Kept<T>> kept, TKey key)
        where TKey : notnull =>
        Epoch is { } epoch && kept.TryGetValue(key, out var entry) && entry.Epoch == epoch && timeProvider.GetElapsedTime(entry.KeptAt) < MaxAge
            ? entry
            : null;

    private void Keep<TKey, T>(ConcurrentDictionary<TKey, Kept<T>> kept, TKey key, T value, long? epoch)
        where TKey : notnull
    {
        if (epoch is null || epoch != Epoch)
        {
            return;
        }

        if (kept.Count >= MaxEntries)
        {
            kept.Clear();
        }

        kept[key] = new Kept<T>(value, epoch.Value, timeProvider.GetTimestamp());
    }
}

/// <summary>A read kept in the cache, with the epoch it was read in.</summary>
internal sealed record Kept<T>(T Value, long Epoch, long KeptAt);
