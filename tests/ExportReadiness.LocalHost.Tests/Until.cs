namespace ExportReadiness.LocalHost.Tests;

/// <summary>Waits for a condition the test observes (never for a time that is supposed to be enough); gives up after a generous bound.</summary>
public static class Until
{
    public static Task TrueAsync(Func<bool> condition, string what) => TrueAsync(() => Task.FromResult(condition()), what);

    public static async Task TrueAsync(Func<Task<bool>> condition, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Still not true after {seconds} s: {what}.");
            await Task.Delay(25);
        }
    }
}
