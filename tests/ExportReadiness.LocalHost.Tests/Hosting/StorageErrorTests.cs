using System.Net;
using Azure;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Testing.Faults;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ExportReadiness.LocalHost.Tests.Hosting;

/// <summary>
/// What a request answers when storage fails under it: an outage is a 503 with Retry-After; storage answering about the
/// data (404, 409, 412) that escapes a handler is a bug, a 500; a client that hung up is neither.
/// </summary>
[Collection(PipelineCollection.Name)]
public class StorageErrorTests(PipelineFixture pipeline)
{
    [Theory]
    [InlineData(412, HttpStatusCode.InternalServerError)]
    [InlineData(409, HttpStatusCode.InternalServerError)]
    [InlineData(404, HttpStatusCode.InternalServerError)]
    [InlineData(503, HttpStatusCode.ServiceUnavailable)]
    [InlineData(0, HttpStatusCode.ServiceUnavailable)]
    public async Task A_storage_failure_leaking_from_a_handler_is_a_503_only_when_storage_is_down(int storageStatus, HttpStatusCode expected)
    {
        await using var app = new ExportReadinessApplication(pipeline.Azurite.ConnectionString,
            new Dictionary<string, string?> { ["ExportReadiness:Standalone"] = "false" },
            services: s => s.Decorate<IAssessmentStore>(inner => new FailingFind(inner, new RequestFailedException(storageStatus, "from storage"))));

        var response = await app.CreateAdvisorClient().GetAsync("/api/assessments/a0000000000000000000000000000000");

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected == HttpStatusCode.ServiceUnavailable, response.Headers.RetryAfter is not null);
        await response.ProblemAsync();
    }

    [Fact]
    public async Task A_client_that_hangs_up_is_neither_answered_503_nor_logged_as_an_error()
    {
        var logs = new FakeLogger<StorageExceptionHandler>();
        var handler = ActivatorUtilities.CreateInstance<StorageExceptionHandler>(pipeline.App.Services, (ILogger<StorageExceptionHandler>)logs);
        using var hungUp = new CancellationTokenSource();
        await hungUp.CancelAsync();
        var http = new DefaultHttpContext { RequestServices = pipeline.App.Services, RequestAborted = hungUp.Token };
        http.Request.Path = "/api/reports/portfolio";
        http.Response.Body = new MemoryStream();

        Assert.True(await handler.TryHandleAsync(http, new TaskCanceledException("the client went away", null, hungUp.Token), hungUp.Token));

        Assert.Equal(StatusCodes.Status499ClientClosedRequest, http.Response.StatusCode);
        Assert.Equal(0, http.Response.Headers.RetryAfter.Count);
        var entries = logs.Collector.GetSnapshot();
        Assert.DoesNotContain(entries, e => e.Level >= LogLevel.Warning);
        Assert.Contains(entries, e => e.Message.Contains("closed the request", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_storage_timeout_while_the_client_still_waits_is_a_503()
    {
        var handler = pipeline.App.Services.GetServices<IExceptionHandler>().OfType<StorageExceptionHandler>().Single();
        var http = new DefaultHttpContext { RequestServices = pipeline.App.Services };
        http.Request.Path = "/api/reports/portfolio";
        http.Response.Body = new MemoryStream();

        Assert.True(await handler.TryHandleAsync(http, new TaskCanceledException("the storage call timed out"), default));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, http.Response.StatusCode);
        Assert.Equal(StorageExceptionHandler.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), http.Response.Headers.RetryAfter.ToString());
    }

    /// <summary>The real store, except that reading an assessment fails as storage told it to.</summary>
    private sealed class FailingFind(IAssessmentStore inner, Exception failure) : DelegatingAssessmentStore(inner)
    {
        public override Task<Assessment?> FindAsync(string id, CancellationToken cancellationToken) => Task.FromException<Assessment?>(failure);
    }
}
