using System.ComponentModel.DataAnnotations;

namespace ExportReadiness.Application.Hosting;

/// <summary>
/// How many HTTP requests an instance works on at once, and how many more may wait, briefly, for a turn
/// (<c>ExportReadiness__LoadShedding__*</c>). The Functions host applies host.json's <c>extensions.http</c>
/// throttles of the same size before a request reaches the worker (a test keeps them equal).
/// </summary>
public sealed class LoadSheddingOptions
{
    public const string Section = "ExportReadiness:LoadShedding";

    /// <summary>host.json's <c>maxConcurrentRequests</c>.</summary>
    [Range(1, 10_000)]
    public int MaxConcurrentRequests { get; set; } = 32;

    /// <summary>Requests that may wait for a turn; host.json's <c>maxOutstandingRequests</c> counts these plus the concurrent ones.</summary>
    [Range(0, 100_000)]
    public int MaxQueuedRequests { get; set; } = 64;

    /// <summary>
    /// The longest a request waits for a turn before it is refused: a refusal the client can act on beats an
    /// answer that arrives after it gave up.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30")]
    public TimeSpan MaxQueueWait { get; set; } = TimeSpan.FromSeconds(1);

    [Range(1, 300)]
    public int RetryAfterSeconds { get; set; } = 1;
}
