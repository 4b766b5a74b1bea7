namespace Orders.IntegrationTests.Fixtures;

/// <summary>Polls for an effect of the background jobs until a deadline: never a fixed sleep.</summary>
public static class Eventually
{
    public static Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, string what) => HoldsAsync(condition, timeout, () => what);

    /// <summary>As above, saying at the deadline what still does not hold.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Still not true after {timeout}: {what()}");
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
