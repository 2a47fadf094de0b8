using System.Net;
using System.Text.Json;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Testing;

namespace ExportReadiness.Functions.Tests;

/// <summary>
/// A new deployment under the Functions host: no model is published yet (bootstrapping off here, so none
/// ever will be) and the host delivers scoring invocations. Its own Azurite: the shared one has a model.
/// </summary>
public sealed class NoModelYetTests : IAsyncLifetime
{
    private readonly Azurite _azurite = new();
    private ExportReadinessApplication _app = null!;

    public async Task InitializeAsync()
    {
        await _azurite.StartAsync();
        _app = new ExportReadinessApplication(_azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["ExportReadiness:BootstrapModel"] = "false",
            ["ExportReadiness:Standalone"] = "false",
            ["ExportReadiness:ModelWait"] = "00:00:01",
        });
        _app.StartServer();
        await _app.Storage.EnsureCreatedAsync(default);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    [Fact]
    public async Task A_scoring_invocation_before_any_model_is_retried_with_503_and_marked_failed_on_its_last_delivery()
    {
        var submission = AssessmentBuilder.Mixed().ToSubmission();
        var id = AssessmentIntake.NewId();
        await _app.Services.GetRequiredService<IAssessmentStore>().AddAsync(new Assessment
        {
            Id = id, Programme = "no-model", SchemaVersion = 1, Company = submission.Company, Product = submission.Product,
            Answers = submission.Answers, SubmittedAt = DateTimeOffset.UtcNow, AccessTokenHash = "",
        }, default);
        var client = _app.CreateClient();
        string Invocation(int dequeueCount) => JsonSerializer.Serialize(new
        {
            Data = new { message = JsonSerializer.Serialize(new { assessmentId = id }) },
            Metadata = new { DequeueCount = dequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        });

        var first = await client.PostJsonAsync("/ScoreAssessment", Invocation(1));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal(AssessmentStatus.Pending, (await _app.Services.GetRequiredService<IAssessmentStore>().FindAsync(id, default))!.Status);

        var last = await client.PostJsonAsync("/ScoreAssessment", Invocation(5));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, last.StatusCode);
        Assert.Equal(AssessmentStatus.Failed, (await _app.Services.GetRequiredService<IAssessmentStore>().FindAsync(id, default))!.Status);
    }
}
