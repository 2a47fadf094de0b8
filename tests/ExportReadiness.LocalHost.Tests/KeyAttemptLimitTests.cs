using System.Net;
using ExportReadiness.Application.Access;

namespace ExportReadiness.LocalHost.Tests;

/// <summary>
/// Guessing keys is slow: a client address that sent 10 wrong keys in a minute gets 429 with Retry-After, and none of its
/// keys is checked until then, while other clients go on. Each test has its own app, so its counts are its own.
/// </summary>
[Collection(PipelineCollection.Name)]
public class KeyAttemptLimitTests(PipelineFixture pipeline)
{
    private ExportReadinessApplication StartApp(bool trustedFrontEnd = false, IDictionary<string, string?>? frontEnd = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ExportReadiness:Standalone"] = "false",
            ["ExportReadiness:TrustedFrontEnd"] = trustedFrontEnd ? "true" : "false",
        };
        foreach (var (key, value) in frontEnd ?? new Dictionary<string, string?>()) settings[$"ExportReadiness:FrontEnd:{key}"] = value;
        var app = new ExportReadinessApplication(pipeline.Azurite.ConnectionString, settings);
        app.StartServer();
        return app;
    }

    private static HttpClient From(ExportReadinessApplication app, string address) => app.CreateClientFrom(address);

    private static async Task<HttpResponseMessage> WithKeyAsync(HttpClient client, string key, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/assessments?pageSize=1");
        request.Headers.Add(AdvisorKeys.Header, key);
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task The_11th_wrong_key_in_a_minute_from_one_client_is_429_with_retry_after_while_another_client_gets_through()
    {
        await using var app = StartApp();
        using var guesser = From(app, "127.0.0.2");
        using var colleague = From(app, "127.0.0.3");

        for (var attempt = 1; attempt <= 10; attempt++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await WithKeyAsync(guesser, $"guess-{attempt}-0123456789abcdef")).StatusCode);
        var eleventh = await WithKeyAsync(guesser, "guess-11-0123456789abcdef");
        Assert.Equal(HttpStatusCode.TooManyRequests, eleventh.StatusCode);
        Assert.InRange(int.Parse(eleventh.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        // Not even the right key is checked for that client now, nor a key on the sign-in page.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await WithKeyAsync(guesser, ExportReadinessApplication.AdvisorKey)).StatusCode);
        using var guesserPage = app.CreateSessionClient(From(app, "127.0.0.2"));
        var page = await guesserPage.SignInAsync();
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.True(page.Headers.RetryAfter is not null);

        Assert.Equal(HttpStatusCode.OK, (await WithKeyAsync(colleague, ExportReadinessApplication.AdvisorKey)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithKeyAsync(colleague, "one-wrong-key-0123456789abcdef")).StatusCode);
    }

    [Fact]
    public async Task Wrong_keys_on_the_sign_in_page_count_too()
    {
        await using var app = StartApp();
        using var guesser = app.CreateSessionClient(From(app, "127.0.0.4"));
        for (var attempt = 1; attempt <= 10; attempt++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.SignInAsync($"guess-{attempt}-0123456789abcdef")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await guesser.SignInAsync(ExportReadinessApplication.AdvisorKey)).StatusCode);
        Assert.Null(guesser.Session);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await WithKeyAsync(From(app, "127.0.0.4"), "guess-12-0123456789abcdef")).StatusCode);
    }

    [Fact]
    public async Task A_forged_x_forwarded_for_escapes_no_limit_unless_the_app_sits_behind_a_trusted_front_end()
    {
        await using (var direct = StartApp())
        {
            using var guesser = From(direct, "127.0.0.5");
            for (var attempt = 1; attempt <= 10; attempt++)
                await WithKeyAsync(guesser, $"guess-{attempt}-0123456789abcdef", forwardedFor: $"203.0.113.{attempt}");
            Assert.Equal(HttpStatusCode.TooManyRequests, (await WithKeyAsync(guesser, "guess-11-0123456789abcdef", forwardedFor: "203.0.113.99")).StatusCode);
        }

        // Behind the front end every request comes from it; the client is the address it appended (the last one).
        await using var behind = StartApp(trustedFrontEnd: true);
        using var frontEnd = From(behind, "127.0.0.6");
        for (var attempt = 1; attempt <= 10; attempt++)
            await WithKeyAsync(frontEnd, $"guess-{attempt}-0123456789abcdef", forwardedFor: "198.51.100.7:50123");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await WithKeyAsync(frontEnd, "guess-11-0123456789abcdef", forwardedFor: "10.9.9.9, 198.51.100.7:50124")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await WithKeyAsync(frontEnd, ExportReadinessApplication.AdvisorKey, forwardedFor: "198.51.100.8:50125")).StatusCode);
    }

    [Fact]
    public async Task Forwarded_headers_are_believed_only_from_a_known_front_end()
    {
        // Only 127.0.0.5 is the front end: a client connecting from elsewhere cannot pick its own address (or scheme).
        await using var app = StartApp(trustedFrontEnd: true, new Dictionary<string, string?> { ["KnownProxies"] = "127.0.0.5", ["KnownNetworks"] = "" });
        using var guesser = From(app, "127.0.0.6");
        for (var attempt = 1; attempt <= 10; attempt++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await WithKeyAsync(guesser, $"guess-{attempt}-0123456789abcdef", forwardedFor: $"203.0.113.{attempt}")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await WithKeyAsync(guesser, "guess-11-0123456789abcdef", forwardedFor: "203.0.113.99")).StatusCode);

        // Through the known front end each forwarded address is a client of its own, with its own count.
        using var frontEnd = From(app, "127.0.0.5");
        for (var attempt = 1; attempt <= 11; attempt++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await WithKeyAsync(frontEnd, $"guess-{attempt}-0123456789abcdef", forwardedFor: $"198.51.100.{attempt}")).StatusCode);
    }
}
