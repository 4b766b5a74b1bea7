using Microsoft.Playwright;

namespace Orders.IntegrationTests.Fixtures;

/// <summary>
/// Debian's Chromium, driven by Playwright: Playwright's own browser builds cannot be downloaded here, and
/// scripts/test.sh installs the chromium package when it is missing. ORDERS_TEST_CHROMIUM names another binary.
/// </summary>
internal static class Chromium
{
    private static readonly string[] Installed = ["/usr/lib/chromium/chromium", "/usr/bin/chromium"];

    // Headless on a shared CI machine, as root (which needs --no-sandbox), with nothing that reaches the network.
    private static readonly string[] Args =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        var path = Environment.GetEnvironmentVariable("ORDERS_TEST_CHROMIUM") ?? Installed.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("Chromium is not installed: run scripts/test.sh, or apt-get install chromium.");
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = path, Headless = true, Args = Args, Timeout = 60_000 });
    }
}
