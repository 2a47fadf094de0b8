using System.Diagnostics;
using System.Text.Json.Nodes;
using ExportReadiness.Application.Assessments;
using ExportReadiness.Testing;
using OpenTelemetry.Metrics;

namespace ExportReadiness.LocalHost.Tests.Telemetry;

public sealed class TelemetryTests(TelemetryFixture telemetry) : IClassFixture<TelemetryFixture>
{
    private const string Source = "ExportReadiness";
    private readonly HttpClient _client = telemetry.App.CreateClient();

    private async Task<Activity> SpanAsync(Func<Activity, bool> match, string what)
    {
        Activity? found = null;
        await Until.TrueAsync(() => (found = telemetry.Spans.FirstOrDefault(match)) is not null, what);
        return found!;
    }

    private Task<Activity> AcceptedSpanAsync(string assessmentId) =>
        SpanAsync(s => s.Source.Name == Source && s.OperationName == "AcceptSubmission" && (s.GetTagItem("exportreadiness.assessment.id") as string) == assessmentId,
            $"the span accepting {assessmentId}");

    [Fact]
    public async Task A_submission_is_one_trace_from_its_request_through_the_queue_to_its_score_with_its_metrics()
    {
        var accepted = await _client.SubmitAsync(AssessmentBuilder.Mixed().InProgramme(Unique.Programme("Telemetry")));
        await _client.WaitForStatusAsync(accepted.Id, accepted.AccessToken);

        var acceptance = await AcceptedSpanAsync(accepted.Id);
        var trace = acceptance.TraceId;
        var scoring = await SpanAsync(s => s.TraceId == trace && s.OperationName == "ScoreAssessment", "the scoring span in the submission's trace");
        var request = Assert.Single(telemetry.Spans, s => s.TraceId == trace && s.Kind == ActivityKind.Server);
        Assert.Equal("/api/assessments", request.GetTagItem("url.path"));
        Assert.Equal(request.SpanId, acceptance.ParentSpanId);
        Assert.Equal((ActivityKind.Consumer, acceptance.SpanId), (scoring.Kind, scoring.ParentSpanId));
        Assert.Equal("Scored", scoring.GetTagItem("exportreadiness.outcome"));

        var metrics = telemetry.Metrics();
        Assert.Contains(Points(metrics, "exportreadiness.submissions"), p => Tag(p, "submission.kind") == "web" && p.GetSumLong() >= 1);
        Assert.Contains(Points(metrics, "exportreadiness.scoring.latency"), p => p.GetHistogramCount() >= 1);
        Assert.Contains(Points(metrics, "exportreadiness.queue.age"), p => Tag(p, "messaging.destination.name") == "assessments-to-score" && p.GetHistogramCount() >= 1);
        Assert.Contains(Points(metrics, "exportreadiness.scores"), p => Tag(p, "readiness.level") is not null && p.GetHistogramCount() >= 1);
        var version = telemetry.App.Services.GetRequiredService<CurrentModel>().Loaded!.Version;
        Assert.Contains(Points(metrics, "exportreadiness.model.in_use"), p => Tag(p, "model.version") == version && p.GetGaugeLastValueLong() == 1);
        // Every app in this process has a meter of its own (another test's app may be running): each says seconds.
        var latencies = metrics.Where(m => m.Name == "exportreadiness.scoring.latency").ToList();
        Assert.NotEmpty(latencies);
        Assert.All(latencies, m => Assert.Equal("s", m.Unit));
    }

    [Fact]
    public async Task No_span_or_metric_tag_holds_a_token_an_advisor_key_a_name_or_an_answer()
    {
        var company = $"Hemliga Bolaget {Guid.NewGuid():N}"[..25] + " AB";
        const string Answer = "23.5";
        var accepted = await _client.SubmitAsync(AssessmentBuilder.Mixed().Named(company).WithAnswer("mgmt_time_percent", JsonValue.Create(23.5)));
        await _client.WaitForStatusAsync(accepted.Id, accepted.AccessToken);
        // The token in its header, in a query string (refused, but the request was made), and traded for the page's cookie.
        await _client.GetAsync($"/api/assessments/{accepted.Id}?token={accepted.AccessToken}");
        using (var sme = telemetry.App.CreateSessionClient()) await sme.OpenResultAsync(accepted.Id, accepted.AccessToken);
        const string WrongKey = "wrong-advisor-key-telemetry-0123456789";
        using (var advisor = telemetry.App.CreateSessionClient())
        {
            await advisor.SignInAsync(WrongKey);
            await advisor.SignInAsync();
            await advisor.GetAsync("/advisor");
        }
        await telemetry.App.CreateAdvisorClient().GetAsync($"/api/assessments/{accepted.Id}");
        await telemetry.App.CreateAdvisorClient(WrongKey).GetAsync($"/api/assessments/{accepted.Id}");
        await AcceptedSpanAsync(accepted.Id);
        var metrics = telemetry.Metrics();

        // Not vacuous: the requests were recorded, and so was the wrong key.
        var spans = telemetry.Spans;
        Assert.Contains(spans, s => s.Kind == ActivityKind.Server && (s.GetTagItem("url.path") as string) == "/advisor/login");
        Assert.Contains(spans, s => s.Kind == ActivityKind.Server && (s.GetTagItem("url.path") as string) == $"/api/assessments/{accepted.Id}");
        Assert.Contains(Points(metrics, "exportreadiness.advisor.key_refusals"), p => Tag(p, "reason") == "wrong_key" && p.GetSumLong() >= 2);
        string[] secrets = [accepted.AccessToken, ExportReadinessApplication.AdvisorKey, WrongKey, company, Answer];
        var written = spans.SelectMany(Texts).Concat(metrics.SelectMany(m => m.MetricPoints).SelectMany(p => TagsOf(p).Select(t => $"{t.Key}={t.Value}"))).ToList();
        foreach (var secret in secrets) Assert.DoesNotContain(written, text => text.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_local_host_serves_with_its_console_and_otlp_exporters_on_when_asked()
    {
        await using var app = new ExportReadinessApplication(telemetry.Azurite.ConnectionString, new Dictionary<string, string?>
        {
            [LocalTelemetry.ConsoleSetting] = "true",
            // Nothing listens there: the exporter's failures are its own, never the request's.
            [LocalTelemetry.OtlpEndpointSetting] = "http://127.0.0.1:9",
            // Web only, so it takes no message from the other tests' app.
            ["ExportReadiness:Standalone"] = "false",
        });
        app.StartServer();

        var response = await app.CreateClient().GetAsync("/api/questionnaire");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(app.Services.GetService<OpenTelemetry.Trace.TracerProvider>());
        Assert.NotNull(app.Services.GetService<MeterProvider>());
    }

    /// <summary>Everything a span exports as text: its name, status, tags, events and links.</summary>
    private static IEnumerable<string> Texts(Activity span) =>
        new[] { span.DisplayName, span.StatusDescription ?? "", span.TraceStateString ?? "" }
            .Concat(span.TagObjects.Select(t => $"{t.Key}={t.Value}"))
            .Concat(span.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name}:{t.Key}={t.Value}")))
            .Concat(span.Links.SelectMany(l => l.Tags?.Select(t => $"{t.Key}={t.Value}") ?? []))
            .Concat(span.Baggage.Select(b => $"{b.Key}={b.Value}"));

    private static IEnumerable<MetricPoint> Points(IReadOnlyList<MetricSnapshot> metrics, string name) =>
        metrics.Where(m => m.Name == name).SelectMany(m => m.MetricPoints);

    private static IEnumerable<KeyValuePair<string, object?>> TagsOf(MetricPoint point)
    {
        var tags = new List<KeyValuePair<string, object?>>();
        foreach (var tag in point.Tags) tags.Add(tag);
        return tags;
    }

    private static string? Tag(MetricPoint point, string key) => TagsOf(point).FirstOrDefault(t => t.Key == key).Value?.ToString();
}
