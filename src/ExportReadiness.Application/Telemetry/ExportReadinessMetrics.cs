using System.Diagnostics;
using System.Diagnostics.Metrics;
using ExportReadiness.Application.Scoring;
using ExportReadiness.Core.Scoring;

namespace ExportReadiness.Application.Telemetry;

/// <summary>
/// The application's metrics (Meter <see cref="ExportReadinessTelemetry.Name"/>, instruments <c>exportreadiness.*</c>), the
/// same in both hosts; docs/operations.md says what to alert on. Tags are closed sets (a kind, a queue, a level, the model
/// version): never an id, a token, a key or an answer.
/// </summary>
public sealed class ExportReadinessMetrics
{
    /// <summary>Seconds, from a quick delivery to a backlog of ten minutes: the two-minute promise sits in the middle.</summary>
    private static readonly double[] SecondsBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

    private static readonly int[] ScoreBuckets = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];

    private readonly Counter<long> _submissions;
    private readonly Histogram<double> _scoringLatency;
    private readonly Histogram<double> _queueAge;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _poisoned;
    private readonly Counter<long> _scoringFailed;
    private readonly Counter<long> _resent;
    private readonly Counter<long> _shed;
    private readonly Counter<long> _keyRefusals;
    private readonly Histogram<int> _scores;

    public ExportReadinessMetrics(IMeterFactory meters, CurrentModel currentModel)
    {
        // One meter per running app, told apart by an instance tag: OpenTelemetry merges instruments of meters that look
        // alike, and a stream merged with another app's (several hosts in one process, as the tests run them) stops being
        // exported when that app stops.
        var meter = meters.Create(new MeterOptions(ExportReadinessTelemetry.Name) { Tags = [new("service.instance.id", Guid.NewGuid().ToString("N"))] });
        _submissions = meter.CreateCounter<long>("exportreadiness.submissions", "{submission}", "Questionnaires accepted, by kind (web or batch).");
        _scoringLatency = meter.CreateHistogram("exportreadiness.scoring.latency", "s", "From submission to score, for an assessment's first score.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        _queueAge = meter.CreateHistogram("exportreadiness.queue.age", "s", "How long a message waited in its queue: dequeued minus inserted.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        _retries = meter.CreateCounter<long>("exportreadiness.queue.retries", "{delivery}", "Deliveries of a message that had been delivered before.");
        _poisoned = meter.CreateCounter<long>("exportreadiness.queue.poisoned", "{message}", "Messages that failed their last delivery and go to the poison queue.");
        _scoringFailed = meter.CreateCounter<long>("exportreadiness.scoring.failed", "{assessment}", "Assessments marked Failed after their message's last delivery.");
        _resent = meter.CreateCounter<long>("exportreadiness.sweep.resent", "{assessment}", "Scoring messages the pending sweep sent again.");
        _shed = meter.CreateCounter<long>("exportreadiness.requests.shed", "{request}", "Requests refused with 503 because the instance was at capacity.");
        _keyRefusals = meter.CreateCounter<long>("exportreadiness.advisor.key_refusals", "{attempt}", "Advisor keys refused: wrong, or not checked after too many wrong ones.");
        _scores = meter.CreateHistogram("exportreadiness.scores", "{point}", "Readiness scores given, by level.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = ScoreBuckets });
        meter.CreateObservableGauge("exportreadiness.model.in_use", () => ModelInUse(currentModel), "{model}", "1, tagged with the version of the model this instance scores with.");
        meter.CreateObservableGauge("exportreadiness.model.refused", () => ModelRefused(currentModel), "{model}", "1, tagged with a published model version refused because its file is not the one published.");
    }

    public static class SubmissionKind
    {
        public const string Web = "web";
        public const string Batch = "batch";
    }

    public static class KeyRefusal
    {
        public const string WrongKey = "wrong_key";
        public const string TooManyAttempts = "too_many_attempts";
    }

    public void Submitted(string kind, int count = 1) => _submissions.Add(count, new KeyValuePair<string, object?>("submission.kind", kind));

    /// <summary>A first score: its latency from submission, and its place in the distribution.</summary>
    public void Scored(ScoringResult result, DateTimeOffset submittedAt)
    {
        _scoringLatency.Record(Math.Max(0, (result.ScoredAt - submittedAt).TotalSeconds));
        Rescored(result);
    }

    /// <summary>A score given again (a new model): in the distribution, not in the latency.</summary>
    public void Rescored(ScoringResult result) =>
        _scores.Record(result.ReadinessScore, new KeyValuePair<string, object?>("readiness.level", result.Level.ToString()));

    /// <summary>A delivery taken from a queue: how long its message waited, and whether it is a retry.</summary>
    public void Dequeued(string queue, long dequeueCount, DateTimeOffset? insertedAt, DateTimeOffset now)
    {
        var tag = new KeyValuePair<string, object?>(ExportReadinessTelemetry.Tags.Queue, queue);
        if (insertedAt is { } inserted) _queueAge.Record(Math.Max(0, (now - inserted).TotalSeconds), tag);
        if (dequeueCount > 1) _retries.Add(1, tag);
    }

    public void Poisoned(string queue) => _poisoned.Add(1, new KeyValuePair<string, object?>(ExportReadinessTelemetry.Tags.Queue, queue));

    public void ScoringFailed() => _scoringFailed.Add(1);

    public void Resent(int count) => _resent.Add(count);

    public void Shed() => _shed.Add(1);

    /// <summary>An advisor key refused (the sign-in form's or a request header's), with why.</summary>
    public void KeyRefused(string reason) => _keyRefusals.Add(1, new KeyValuePair<string, object?>("reason", reason));

    private static IEnumerable<Measurement<int>> ModelInUse(CurrentModel currentModel) =>
        currentModel.Loaded is { } model ? [new Measurement<int>(1, new KeyValuePair<string, object?>(ExportReadinessTelemetry.Tags.ModelVersion, model.Version))] : [];

    private static IEnumerable<Measurement<int>> ModelRefused(CurrentModel currentModel) =>
        currentModel.Refused is { } version ? [new Measurement<int>(1, new KeyValuePair<string, object?>(ExportReadinessTelemetry.Tags.ModelVersion, version))] : [];
}
