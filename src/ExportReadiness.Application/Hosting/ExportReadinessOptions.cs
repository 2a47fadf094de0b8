using System.ComponentModel.DataAnnotations;

namespace ExportReadiness.Application.Hosting;

/// <summary>The <c>ExportReadiness</c> configuration section (environment: <c>ExportReadiness__Name</c>).</summary>
public sealed class ExportReadinessOptions : IValidatableObject
{
    public const string Section = "ExportReadiness";

    /// <summary>Comma-separated advisor keys, each <c>name:key</c> (or a bare key); none means no key signs anyone in.</summary>
    public string? AdvisorApiKeys { get; set; }

    /// <summary>
    /// Trust the principal App Service Authentication passes in <c>X-MS-CLIENT-PRINCIPAL</c>. Only where the
    /// platform's authentication is on: it strips the header from outside requests only then.
    /// </summary>
    public bool AppServiceAuthentication { get; set; }

    /// <summary>The app role an App Service Authentication user needs to be an advisor; empty: any signed-in user.</summary>
    public string AdvisorRole { get; set; } = "Advisor";

    /// <summary>
    /// The app sits behind a front end it trusts (App Service / the Functions host's front end, a reverse proxy)
    /// that appends the client's address to <c>X-Forwarded-For</c> and says <c>X-Forwarded-Proto</c>: the
    /// client is then the address that front end appended (the last entry; those before it are the client's own
    /// claims) and the request is https when it says so. Off, both headers are ignored: anyone can send them.
    /// </summary>
    public bool TrustedFrontEnd { get; set; }

    /// <summary>The local host polls the queues and fires the schedule itself (the Function App leaves that to the Functions host).</summary>
    public bool Standalone { get; set; } = true;

    /// <summary>NCRONTAB with seconds, as the Functions timer trigger reads it.</summary>
    [Required]
    public string RescoreSchedule { get; set; } = "0 0 2 * * *";

    [Range(1024, 16 * 1024 * 1024)]
    public int MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>The largest batch CSV accepted (50,000 rows of this questionnaire are about 15 MiB).</summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxBatchBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>How often an instance checks <c>models/current</c> for a newly published model.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ModelRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a scoring invocation waits for the first model to be published before it fails (and is retried).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ModelWait { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Train and publish a model from the bundled training set when storage has none.</summary>
    public bool BootstrapModel { get; set; } = true;

    /// <summary>Assessments re-scored per page (one model pass, one table transaction per 100 rows of a programme).</summary>
    [Range(1, 5000)]
    public int RescorePageSize { get; set; } = 500;

    /// <summary>
    /// The most stale assessments one part of a rescore run re-scores; a part that finds more hands the rest on as a part of
    /// its own, so a part is a few minutes' work at most and an instance that dies loses no more.
    /// </summary>
    [Range(1, 100_000)]
    public int RescorePartSize { get; set; } = 1000;

    /// <summary>
    /// How long a part may wait untouched before a new start of the run sends its message again: longer than the Functions
    /// host's 10-minute lease, so a message merely held by a dead instance is not doubled.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RescorePartResendAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long an assessment may stay Pending, unchanged, before the sweeper sends its scoring message again.
    /// With a sweep every minute, 45 s keeps a row whose message was lost under two minutes without one.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PendingSweepAge { get; set; } = TimeSpan.FromSeconds(45);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (NCrontab.CrontabSchedule.TryParse(RescoreSchedule, new NCrontab.CrontabSchedule.ParseOptions { IncludingSeconds = true }) is null)
            yield return new ValidationResult("Not a six-field NCRONTAB expression.", [nameof(RescoreSchedule)]);
        // A key is the advisor's only secret when App Service Authentication is off: too short to guess is refused at start.
        foreach (var (name, key) in Access.AdvisorKeys.Entries(this))
            if (key.Length < MinimumKeyLength)
                yield return new ValidationResult($"The key of '{name}' has {key.Length} characters; at least {MinimumKeyLength} are required.", [nameof(AdvisorApiKeys)]);
    }

    public const int MinimumKeyLength = 24;
}

/// <summary>
/// The queue settings: host.json's <c>extensions.queues</c> for the Functions host, these for the local host's
/// drivers. The defaults are equal (a test checks it), so a message is treated the same whichever host delivers it.
/// </summary>
public sealed class QueueTriggerOptions : IValidatableObject
{
    public const string Section = "ExportReadiness:Queue";

    [Range(1, 32)]
    public int BatchSize { get; set; } = 16;

    /// <summary>As in host.json: fetch the next batch while fewer than this many messages are still in flight.</summary>
    [Range(0, 100)]
    public int NewBatchThreshold { get; set; } = 8;

    [Range(1, 100)]
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>How long a failed message stays invisible before its retry (0: at once).</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.Zero;

    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a message being handled by the local host is hidden from other instances. Short, and renewed
    /// every <see cref="ProcessingLeaseRenewal"/> while the handler runs: the message of a process that died
    /// reappears within this time instead of staying hidden for as long as the longest handler may run.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ProcessingLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the lease of a message still being handled is renewed; well under the lease, so a slow renewal does not lose it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan ProcessingLeaseRenewal { get; set; } = TimeSpan.FromSeconds(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ProcessingLeaseRenewal >= ProcessingLease)
            yield return new ValidationResult("Must be shorter than ProcessingLease, or a message could reappear while it is handled.", [nameof(ProcessingLeaseRenewal)]);
    }
}
