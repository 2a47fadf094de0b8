using System.Diagnostics;
using System.Text.Json;
using ExportReadiness.Application.Scoring;
using ExportReadiness.Application.Telemetry;
using ExportReadiness.Application.Tests.Batches;
using ExportReadiness.Testing;
using ExportReadiness.Testing.InMemory;

namespace ExportReadiness.Application.Tests.Telemetry;

public sealed class TraceContextTests : ApplicationTests, IDisposable
{
    private readonly SpanRecorder _spans = new();

    private ScoreAssessmentHandler Handler => App.Get<ScoreAssessmentHandler>();

    public void Dispose() => _spans.Dispose();

    [Fact]
    public async Task A_submission_sends_its_scoring_message_with_its_trace_context_and_the_score_continues_that_trace()
    {
        string id;
        ActivityContext request;
        using (var span = SpanRecorder.Requests.StartActivity("POST /api/assessments", ActivityKind.Server)!)
        {
            span.TraceStateString = "exportreadiness=test";
            request = span.Context;
            (id, _) = await App.SubmitAsync(AssessmentBuilder.Mixed());
        }
        var message = Assert.Single(App.Storage.ScoringQueue.Drain());

        var parent = MessageTrace.ParentOf(message)!.Value;
        Assert.Equal((request.TraceId, "exportreadiness=test"), (parent.TraceId, parent.TraceState));
        var accepted = _spans.Single(request.TraceId, ExportReadinessTelemetry.Spans.SubmissionAccepted);
        Assert.Equal((request.SpanId, accepted.SpanId), (accepted.ParentSpanId, parent.SpanId));

        Assert.Equal(ScoringOutcome.Scored, (await Handler.DeliverAsync(message)).Outcome);

        var scoring = _spans.Single(request.TraceId, ExportReadinessTelemetry.Spans.ScoreAssessment);
        Assert.Equal((ActivityKind.Consumer, accepted.SpanId, ScoringOutcome.Scored), (scoring.Kind, scoring.ParentSpanId, scoring.GetTagItem(ExportReadinessTelemetry.Tags.Outcome)));
        Assert.Equal(id, InMemoryScoringQueue.IdsOf(message).Single());
    }

    [Fact]
    public async Task A_message_written_without_trace_context_still_parses_and_is_scored()
    {
        var (id, _) = await App.SubmitAsync(AssessmentBuilder.Mixed());
        App.Storage.ScoringQueue.Drain();
        var old = JsonSerializer.Serialize(new { assessmentId = id });

        Assert.Null(MessageTrace.ParentOf(old));
        Assert.Equal(id, Assert.Single(ScoringMessage.Parse(old)).AssessmentId);
        Assert.Equal(ScoringOutcome.Scored, (await Handler.DeliverAsync(old)).Outcome);
    }

    [Theory]
    [InlineData("{\"assessmentId\":\"a1\",\"traceparent\":\"00-not-a-trace-01\"}")]
    [InlineData("{\"assessmentId\":\"a1\",\"traceparent\":42}")]
    [InlineData("{\"assessmentIds\":[\"a1\"],\"programme\":\"umea\",\"slice\":true,\"traceparent\":\"\"}")]
    public void A_malformed_trace_context_costs_only_the_link_never_the_message(string message)
    {
        Assert.Null(MessageTrace.ParentOf(message));
        Assert.Equal("a1", Assert.Single(ScoringMessage.Parse(message)).AssessmentId);
    }

    [Fact]
    public void A_message_that_is_not_json_has_no_trace_context_and_no_exception_from_telemetry() =>
        Assert.Null(MessageTrace.ParentOf("not json"));

    [Fact]
    public async Task The_scoring_slices_of_a_batch_carry_the_trace_of_the_ingest_that_sent_them()
    {
        var csv = new BatchFileBuilder().Add(AssessmentBuilder.Strong().Named("Luleå Stål AB")).Add(AssessmentBuilder.Weak().Named("Kalix Fisk AB")).ToCsv();
        await App.UploadedAsync(csv);
        App.Storage.ScoringQueue.Drain();

        await App.IngestWaitingAsync();

        var slices = App.Storage.ScoringQueue.Drain();
        Assert.NotEmpty(slices);
        foreach (var slice in slices)
        {
            var parent = MessageTrace.ParentOf(slice)!.Value;
            var ingest = _spans.Single(parent.TraceId, ExportReadinessTelemetry.Spans.IngestBatch);
            Assert.Equal((ActivityKind.Consumer, ingest.SpanId), (ingest.Kind, parent.SpanId));
        }
    }
}
