using System.Net;
using System.Reflection;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using ExportReadiness.Application.Access;
using System.Text.Json;
using ExportReadiness.FunctionApp.Functions;
using ExportReadiness.Storage;
using ExportReadiness.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ExportReadiness.FunctionApp.Tests;

/// <summary>The Function App's HTTP pipeline: the worker middlewares, resolved from its container, around a function.</summary>
[Collection(FunctionAppCollection.Name)]
public class HttpMiddlewareTests(FunctionAppFixture fixture)
{
    private const string Key = "function-app-test-key-0123456789";

    private DefaultHttpContext Request(string path, string? key = null)
    {
        var http = new DefaultHttpContext { RequestServices = fixture.App.Services.CreateScope().ServiceProvider };
        http.Request.Method = "GET";
        http.Request.Path = path;
        http.Response.Body = new MemoryStream();
        if (key is not null) http.Request.Headers[AdvisorKeys.Header] = key;
        return http;
    }

    private static MethodInfo Method<T>(string name) => typeof(T).GetMethod(name)!;

    private async Task<(bool Ran, ClaimsSeen User)> InvokeAsync(MethodInfo function, DefaultHttpContext http)
    {
        var middleware = ActivatorUtilities.CreateInstance<AdvisorAuthorizationMiddleware>(fixture.App.Services);
        var ran = false;
        await middleware.Invoke(new InvokedFunction(function, http), _ => { ran = true; return Task.CompletedTask; });
        return (ran, new ClaimsSeen(http.User.Identity?.Name));
    }

    public sealed record ClaimsSeen(string? Name);

    [Fact]
    public async Task An_advisor_function_answers_401_problem_details_without_a_key_and_never_runs()
    {
        var http = Request("/api/assessments");
        var (ran, _) = await InvokeAsync(Method<AdvisorApiFunctions>(nameof(AdvisorApiFunctions.ListAssessments)), http);

        Assert.False(ran);
        Assert.Equal((int)HttpStatusCode.Unauthorized, http.Response.StatusCode);
        Assert.StartsWith("application/problem+json", http.Response.ContentType);
    }

    [Fact]
    public async Task An_advisor_page_function_answers_the_sign_in_page_without_a_key()
    {
        var http = Request("/advisor");
        var (ran, _) = await InvokeAsync(Method<AdvisorPageFunctions>(nameof(AdvisorPageFunctions.AdvisorDashboard)), http);

        Assert.False(ran);
        Assert.Equal((int)HttpStatusCode.Unauthorized, http.Response.StatusCode);
        Assert.StartsWith("text/html", http.Response.ContentType);
    }

    [Fact]
    public async Task An_advisor_function_runs_for_the_advisor_whose_key_is_presented_and_knows_who_it_is()
    {
        var http = Request("/api/assessments", Key);
        var (ran, user) = await InvokeAsync(Method<AdvisorApiFunctions>(nameof(AdvisorApiFunctions.ListAssessments)), http);

        Assert.True(ran);
        Assert.Equal("Karin Ek", user.Name);
    }

    [Fact]
    public async Task An_open_function_runs_without_credentials()
    {
        var (ran, _) = await InvokeAsync(Method<SmeFunctions>(nameof(SmeFunctions.Questionnaire)), Request("/api/questionnaire"));
        Assert.True(ran);
    }

    [Fact]
    public async Task An_sme_submits_through_the_http_function_the_queue_function_scores_it_and_the_sme_reads_it_back()
    {
        var submit = Request("/api/assessments");
        submit.Request.Method = "POST";
        submit.Request.ContentType = "application/json";
        submit.Request.Body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(AssessmentBuilder.Mixed().InProgramme(Unique.Programme("fa-http")).ToJsonString()));
        await (await fixture.App.Function<SmeFunctions>().SubmitAssessment(submit.Request, default)).ExecuteAsync(submit);

        Assert.Equal((int)HttpStatusCode.Accepted, submit.Response.StatusCode);
        submit.Response.Body.Position = 0;
        var accepted = JsonDocument.Parse(submit.Response.Body).RootElement;
        var id = accepted.GetProperty("id").GetString()!;
        Assert.Equal($"/api/assessments/{id}", submit.Response.Headers.Location.ToString());

        // What the Functions host would do with the message the submission enqueued.
        var queue = fixture.App.Services.GetRequiredService<StorageClients>().Queue(StorageNames.ScoringQueue);
        var message = await ReceiveMessageNamingAsync(queue, id);
        await fixture.App.Function<ScoreAssessmentFunction>().ScoreAssessment(message, default);

        var read = Request($"/api/assessments/{id}");
        read.Request.Headers["X-Assessment-Token"] = accepted.GetProperty("accessToken").GetString();
        await (await fixture.App.Function<SmeFunctions>().GetAssessment(read.Request, id, default)).ExecuteAsync(read);
        Assert.Equal((int)HttpStatusCode.OK, read.Response.StatusCode);
        read.Response.Body.Position = 0;
        var view = JsonDocument.Parse(read.Response.Body).RootElement;
        Assert.Equal("Scored", view.GetProperty("status").GetString());
        Assert.True(view.GetProperty("result").GetProperty("explanation").GetProperty("questions").GetArrayLength() > 0);
    }

    /// <summary>
    /// The one message naming <paramref name="id"/> from the collection's shared scoring queue, however many other tests'
    /// messages are ahead of it: received page by page, every other message made visible again afterwards.
    /// </summary>
    private static async Task<QueueMessage> ReceiveMessageNamingAsync(QueueClient queue, string id)
    {
        var others = new List<QueueMessage>();
        try
        {
            while (true)
            {
                var page = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1))).Value;
                Assert.True(page.Length > 0, $"No message in the scoring queue names {id}.");
                others.AddRange(page.Where(m => !m.Body.ToString().Contains(id, StringComparison.Ordinal)));
                if (page.SingleOrDefault(m => m.Body.ToString().Contains(id, StringComparison.Ordinal)) is { } ours) return ours;
            }
        }
        finally
        {
            foreach (var other in others) await queue.UpdateMessageAsync(other.MessageId, other.PopReceipt, visibilityTimeout: TimeSpan.Zero);
        }
    }

    [Fact]
    public async Task Every_http_function_answers_with_the_same_security_headers_as_the_local_host()
    {
        var http = Request("/api/questionnaire");
        var response = new StartableResponse();
        http.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpResponseFeature>(response);

        await new SecurityHeadersMiddleware().Invoke(new InvokedFunction(Method<SmeFunctions>(nameof(SmeFunctions.Questionnaire)), http), _ => Task.CompletedTask);
        await response.StartAsync();

        Assert.Equal(Application.Hosting.SecurityHeaders.ContentSecurityPolicy, http.Response.Headers.ContentSecurityPolicy.ToString());
        Assert.Equal("nosniff", http.Response.Headers.XContentTypeOptions.ToString());
        Assert.Equal("no-store", http.Response.Headers.CacheControl.ToString());
    }

    [Fact]
    public async Task An_https_function_answer_carries_strict_transport_security_and_a_plain_http_one_does_not()
    {
        async Task<string> HstsAsync(string scheme)
        {
            var http = Request("/api/questionnaire");
            http.Request.Scheme = scheme;
            http.Request.Host = new HostString("exportreadiness.example");
            var response = new StartableResponse();
            http.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpResponseFeature>(response);
            await new SecurityHeadersMiddleware().Invoke(new InvokedFunction(Method<SmeFunctions>(nameof(SmeFunctions.Questionnaire)), http), _ => Task.CompletedTask);
            await response.StartAsync();
            return http.Response.Headers.StrictTransportSecurity.ToString();
        }

        Assert.Matches("^max-age=[1-9][0-9]{6,}", await HstsAsync("https"));
        Assert.Equal("", await HstsAsync("http"));
    }

    /// <summary>A response whose start can be triggered, as the server triggers it when the first byte is written.</summary>
    private sealed class StartableResponse : Microsoft.AspNetCore.Http.Features.HttpResponseFeature
    {
        private readonly List<(Func<object, Task> Callback, object State)> _starting = [];

        public override void OnStarting(Func<object, Task> callback, object state) => _starting.Add((callback, state));

        public async Task StartAsync()
        {
            foreach (var (callback, state) in _starting) await callback(state);
        }
    }

    [Fact]
    public async Task Storage_being_unreachable_in_a_function_is_a_503_problem_not_the_hosts_500()
    {
        var http = Request("/api/health");
        var middleware = new HttpProblemMiddleware();

        await middleware.Invoke(new InvokedFunction(Method<SmeFunctions>(nameof(SmeFunctions.Health)), http),
            // As the SDK reports a spent retry budget: every try's failure in one AggregateException.
            _ => throw new AggregateException("Retry failed after 4 tries.", Enumerable.Range(0, 4).Select(_ => new RequestFailedException(0, "Connection refused"))));

        Assert.Equal((int)HttpStatusCode.ServiceUnavailable, http.Response.StatusCode);
        Assert.Equal("5", http.Response.Headers.RetryAfter.ToString());
        Assert.StartsWith("application/problem+json", http.Response.ContentType);
    }

    [Fact]
    public async Task A_page_function_failing_on_storage_answers_a_try_again_page_in_the_visitors_language()
    {
        var http = Request("/advisor");
        http.Request.QueryString = new QueryString("?lang=en");
        await new HttpProblemMiddleware().Invoke(new InvokedFunction(Method<AdvisorPageFunctions>(nameof(AdvisorPageFunctions.AdvisorDashboard)), http),
            _ => throw new RequestFailedException(0, "Connection refused"));

        Assert.Equal((int)HttpStatusCode.ServiceUnavailable, http.Response.StatusCode);
        Assert.Equal("5", http.Response.Headers.RetryAfter.ToString());
        Assert.StartsWith("text/html", http.Response.ContentType);
        http.Response.Body.Position = 0;
        Assert.Contains("Please try again shortly", new StreamReader(http.Response.Body).ReadToEnd());
    }

    [Fact]
    public async Task Above_the_workers_capacity_an_http_function_is_refused_with_503_and_retry_after_and_never_runs()
    {
        var options = fixture.App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ExportReadiness.Application.Hosting.LoadSheddingOptions>>().Value;
        var middleware = new LoadSheddingMiddleware();
        var function = Method<SmeFunctions>(nameof(SmeFunctions.SubmitAssessment));
        var release = new TaskCompletionSource();
        // Every turn taken and every waiting place filled by requests whose functions have not finished.
        var busy = Enumerable.Range(0, options.MaxConcurrentRequests + options.MaxQueuedRequests)
            .Select(_ => middleware.Invoke(new InvokedFunction(function, Request("/api/assessments")), _ => release.Task)).ToList();

        var http = Request("/api/assessments");
        var ran = false;
        await middleware.Invoke(new InvokedFunction(function, http), _ => { ran = true; return Task.CompletedTask; });
        release.SetResult();
        await Task.WhenAll(busy);

        Assert.False(ran);
        Assert.Equal((int)HttpStatusCode.ServiceUnavailable, http.Response.StatusCode);
        Assert.Equal(options.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), http.Response.Headers.RetryAfter.ToString());
        Assert.StartsWith("application/problem+json", http.Response.ContentType);
    }
}
