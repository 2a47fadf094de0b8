using System.Collections.Concurrent;
using System.Diagnostics;
using ExportReadiness.Application.Telemetry;

namespace ExportReadiness.Application.Tests.Telemetry;

/// <summary>
/// Listens to the application's spans (and a stand-in for the host's request span) as OpenTelemetry would, and keeps them.
/// A listener hears the whole process: a test finds its own spans by its own trace id.
/// </summary>
public sealed class SpanRecorder : IDisposable
{
    private const string RequestsName = "ExportReadiness.Tests.Requests";

    public static readonly ActivitySource Requests = new(RequestsName);

    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            // By name: the listener may be added before the test's source exists.
            ShouldListenTo = source => source.Name is ExportReadinessTelemetry.Name or RequestsName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyList<Activity> InTrace(ActivityTraceId traceId) => _stopped.Where(a => a.TraceId == traceId).ToList();

    public Activity Single(ActivityTraceId traceId, string name) => Assert.Single(InTrace(traceId), a => a.OperationName == name);

    public void Dispose() => _listener.Dispose();
}
