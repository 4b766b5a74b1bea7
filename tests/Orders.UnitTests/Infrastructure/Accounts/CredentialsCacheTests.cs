using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orders.Domain.Accounts;
using Orders.Infrastructure.Accounts;

namespace Orders.UnitTests.Infrastructure.Accounts;

/// <summary>
/// What an instance may serve from memory: only reads of the current epoch, only while its last count of the
/// credential changes started less than two refresh intervals ago, and no read older than a minute.
/// </summary>
public sealed class CredentialsCacheTests
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(100);
    private static readonly byte[] Hash = [1, 2, 3];
    private static readonly StoredAccountTerms Terms = new(Guid.NewGuid(), AccountStatus.Active, 10, null);
    private static readonly StoredKey Key = new("key-1", ApiKeyRole.Client, Hash, RevokedAt: null, LastUsedAt: null, Terms);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Before_the_changes_are_first_counted_nothing_is_kept()
    {
        var cache = Cache();

        cache.Epoch.ShouldBeNull();
        cache.Keep(Hash, Key, cache.Epoch);
        cache.Observed(changes: 5, _time.GetTimestamp());

        cache.FindKey(Hash).ShouldBeNull();
    }

    [Fact]
    public void A_read_is_served_while_the_last_count_is_fresh_and_not_after_its_lease()
    {
        var cache = Cache();
        cache.Observed(changes: 5, _time.GetTimestamp());
        cache.Keep(Hash, Key, cache.Epoch);
        cache.Keep(Terms, cache.Epoch);

        _time.Advance(2 * Refresh - TimeSpan.FromMilliseconds(1));
        cache.FindKey(Hash).ShouldNotBeNull().Value.ShouldBe(Key);
        cache.FindAccount(Terms.AccountId).ShouldNotBeNull().Value.ShouldBe(Terms);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        cache.FindKey(Hash).ShouldBeNull("no count started within the lease: the change may have been missed");
        cache.FindAccount(Terms.AccountId).ShouldBeNull();

        cache.Observed(changes: 5, _time.GetTimestamp());
        cache.FindKey(Hash).ShouldNotBeNull("the same count again: nothing changed");
    }

    [Fact]
    public void A_new_count_ends_every_kept_read_and_a_read_begun_before_it_is_never_kept()
    {
        var cache = Cache();
        cache.Observed(changes: 5, _time.GetTimestamp());
        cache.Keep(Hash, Key, cache.Epoch);
        var readStartedIn = cache.Epoch;

        cache.Observed(changes: 6, _time.GetTimestamp());
        cache.Keep(Terms, readStartedIn);

        cache.FindKey(Hash).ShouldBeNull();
        cache.FindAccount(Terms.AccountId).ShouldBeNull("read before the change was counted: it may predate it");
    }

    [Fact]
    public void A_last_used_time_put_back_after_a_change_is_dropped()
    {
        var cache = Cache();
        cache.Observed(changes: 5, _time.GetTimestamp());
        cache.Keep(Hash, Key, cache.Epoch);
        var kept = cache.FindKey(Hash).ShouldNotBeNull();

        cache.Observed(changes: 6, _time.GetTimestamp());
        cache.Update(Hash, kept with { Value = Key with { LastUsedAt = _time.GetUtcNow().UtcDateTime } });

        cache.FindKey(Hash).ShouldBeNull();
    }

    [Fact]
    public void No_read_is_served_after_a_minute_even_when_nothing_was_counted_as_changed()
    {
        var cache = Cache();
        cache.Observed(changes: 5, _time.GetTimestamp());
        cache.Keep(Hash, Key, cache.Epoch);

        _time.Advance(TimeSpan.FromMinutes(1));
        cache.Observed(changes: 5, _time.GetTimestamp());

        cache.FindKey(Hash).ShouldBeNull();
    }

    [Fact]
    public void A_change_waits_three_refresh_intervals_and_with_no_refresh_there_is_no_cache_and_no_wait()
    {
        Cache().PropagationDelay.ShouldBe(3 * Refresh);

        var off = Cache(TimeSpan.Zero);
        off.Observed(changes: 5, _time.GetTimestamp());
        off.Epoch.ShouldBeNull();
        off.PropagationDelay.ShouldBe(TimeSpan.Zero);
    }

    private CredentialsCache Cache(TimeSpan? refresh = null) =>
        new(_time, Options.Create(new AuthOptions { CredentialsRefresh = refresh ?? Refresh }));
}
