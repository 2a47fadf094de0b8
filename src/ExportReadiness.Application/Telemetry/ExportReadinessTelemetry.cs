using System.Diagnostics;

namespace ExportReadiness.Application.Telemetry;

/// <summary>
/// The application's own spans, host-neutral: each host's OpenTelemetry listens to <see cref="Name"/> (the local host with
/// a console or OTLP exporter, the Function App with Azure Monitor's). Without a listener no span is even created.
/// No span carries a token, key or answer: only ids, counts, outcomes and the model version.
/// </summary>
public static class ExportReadinessTelemetry
{
    /// <summary>The name of the ActivitySource and of the Meter.</summary>
    public const string Name = "ExportReadiness";

    public static readonly ActivitySource Source = new(Name);

    /// <summary>Span names: the function names both hosts share, and the submission's acceptance inside its HTTP request.</summary>
    public static class Spans
    {
        public const string SubmissionAccepted = "AcceptSubmission";
        public const string ScoreAssessment = "ScoreAssessment";
        public const string IngestBatch = "IngestBatch";
        public const string RescorePart = "RescorePart";
        public const string SweepPending = "SweepPending";
    }

    /// <summary>Attribute names, after OpenTelemetry's messaging conventions where one fits.</summary>
    public static class Tags
    {
        public const string AssessmentId = "exportreadiness.assessment.id";
        public const string Programme = "exportreadiness.programme";
        public const string Queue = "messaging.destination.name";
        public const string DequeueCount = "exportreadiness.dequeue_count";
        public const string Outcome = "exportreadiness.outcome";
        public const string ModelVersion = "model.version";
        public const string Count = "exportreadiness.count";
    }
}
