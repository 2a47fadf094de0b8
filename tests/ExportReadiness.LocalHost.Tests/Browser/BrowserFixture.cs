using Microsoft.Playwright;

namespace ExportReadiness.LocalHost.Tests.Browser;

/// <summary>
/// Debian's Chromium (/usr/bin/chromium), driven by Playwright; no browser download. One browser for the whole run,
/// launched by the first test that needs it (every browser test is in the browser collection, which holds this
/// fixture); each test gets fresh contexts (a visitor's own cookies), closed when the test ends. Screenshots go to
/// tests/artifacts/ (git-ignored) for people to look at, as does the printed SME report (PDF).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private readonly SemaphoreSlim _launch = new(1, 1);
    private readonly List<IBrowserContext> _contexts = [];
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static string ArtifactsDirectory { get; } = Directory.CreateDirectory(Path.Combine(AzuriteFixture.RepositoryRoot(), "tests", "artifacts")).FullName;

    /// <summary>How many times this run launched Chromium (once, whatever the number of browser tests).</summary>
    public int Launches { get; private set; }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }

    private async Task<IBrowser> BrowserAsync()
    {
        await _launch.WaitAsync();
        try
        {
            if (_browser is not null) return _browser;
            if (!File.Exists(ChromiumPath))
                throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}: apt-get install -y chromium (scripts/test does it).");
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"],
            });
            Launches++;
            return _browser;
        }
        finally
        {
            _launch.Release();
        }
    }

    /// <summary>A fresh context (one visitor: its own cookies), closed by <see cref="CloseContextsAsync"/>.</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions options)
    {
        var context = await (await BrowserAsync()).NewContextAsync(options);
        lock (_contexts) _contexts.Add(context);
        return context;
    }

    /// <summary>
    /// A page in a fresh context of the app at <paramref name="baseUrl"/>, 1200×900, in a Swedish browser
    /// (<c>Accept-Language: sv-SE</c>), as the service's users have: pages follow the browser's language.
    /// </summary>
    public async Task<IPage> NewPageAsync(string baseUrl)
    {
        var context = await NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, Locale = "sv-SE", ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
        return await context.NewPageAsync();
    }

    /// <summary>Closes the contexts the test opened; the browser stays for the next test.</summary>
    public async Task CloseContextsAsync()
    {
        IBrowserContext[] open;
        lock (_contexts)
        {
            open = [.. _contexts];
            _contexts.Clear();
        }
        foreach (var context in open) await context.CloseAsync();
    }

    public static string Screenshot(string name) => Artifact(name + ".png");

    public static string Artifact(string fileName) => Path.Combine(ArtifactsDirectory, fileName);
}
