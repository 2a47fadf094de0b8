using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Application.Assessments;
using ExportReadiness.Testing;

namespace ExportReadiness.LocalHost.Tests;

/// <summary>What an SME's client does: submit, then poll its result with its token.</summary>
public static class PipelineClient
{
    public static readonly JsonSerializerOptions Json = QuestionnaireSchema.JsonOptions;

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, string json, string contentType = "application/json") =>
        client.PostAsync(url, new StringContent(json, Encoding.UTF8, contentType));

    public static async Task<SubmissionAccepted> SubmitAsync(this HttpClient client, AssessmentBuilder builder)
    {
        var response = await client.PostJsonAsync("/api/assessments", builder.ToJsonString());
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SubmissionAccepted>(Json))!;
    }

    /// <summary>Submits <paramref name="builder"/> as a re-assessment of <paramref name="previousId"/>, proven by <paramref name="token"/> (none: unproven).</summary>
    public static async Task<HttpResponseMessage> ReassessAsync(this HttpClient client, AssessmentBuilder builder, string previousId, string? token)
    {
        var body = builder.ToJson();
        body[AssessmentHandlers.PreviousAssessmentField] = previousId;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/assessments") { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        if (token is not null) request.Headers.Add(AssessmentHandlers.TokenHeader, token);
        return await client.SendAsync(request);
    }

    /// <summary>A re-assessment of <paramref name="previous"/> with its token, which must be accepted.</summary>
    public static async Task<SubmissionAccepted> ReassessAcceptedAsync(this HttpClient client, AssessmentBuilder builder, SubmissionAccepted previous)
    {
        var response = await client.ReassessAsync(builder, previous.Id, previous.AccessToken);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SubmissionAccepted>(Json))!;
    }

    public static async Task<AssessmentView?> GetAssessmentAsync(this HttpClient client, string id, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/assessments/{id}");
        if (token is not null) request.Headers.Add(AssessmentHandlers.TokenHeader, token);
        var response = await client.SendAsync(request);
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<AssessmentView>(Json) : null;
    }

    public static async Task<AssessmentView> WaitForStatusAsync(this HttpClient client, string id, string? token, AssessmentStatus status = AssessmentStatus.Scored, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var view = await client.GetAssessmentAsync(id, token);
            if (view?.Status == status) return view;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Assessment {id} is {view?.Status.ToString() ?? "invisible"}, not {status}, after {seconds} s.");
            await Task.Delay(100);
        }
    }

    /// <summary>The UTC date the app recorded <paramref name="accepted"/> at: a "today" by the app's clock, not the test's.</summary>
    public static async Task<DateOnly> SubmittedOnAsync(this HttpClient client, SubmissionAccepted accepted) =>
        DayOf((await client.GetAssessmentAsync(accepted.Id, accepted.AccessToken))!.SubmittedAt);

    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.UtcDateTime);

    /// <summary>
    /// The UTC date now. The app runs in the test's process, on the same clock: read after an answer, no "today" the
    /// app took while answering is later than this; with a date the app recorded before it, it brackets the app's today.
    /// </summary>
    public static DateOnly TodayAfterwards() => DayOf(DateTimeOffset.UtcNow);

    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
