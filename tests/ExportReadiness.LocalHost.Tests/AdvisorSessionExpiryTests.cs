using System.Net;
using ExportReadiness.Application.Access;

namespace ExportReadiness.LocalHost.Tests;

/// <summary>A session slides while it is used (30 idle minutes) and ends 8 hours after sign-in whatever happens; the app's clock is moved, not waited for.</summary>
[Collection(PipelineCollection.Name)]
public class AdvisorSessionExpiryTests(PipelineFixture pipeline)
{
    /// <summary>The system clock, moved forward by the test.</summary>
    private sealed class MovableClock : TimeProvider
    {
        private TimeSpan _offset;

        public void Advance(TimeSpan by) => _offset += by;

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;
    }

    private ExportReadinessApplication StartApp(MovableClock clock)
    {
        var app = new ExportReadinessApplication(pipeline.Azurite.ConnectionString, new Dictionary<string, string?> { ["ExportReadiness:Standalone"] = "false" }, clock: clock);
        app.StartServer();
        return app;
    }

    private static async Task<HttpStatusCode> UseAsync(ExportReadinessApplication app, string session)
    {
        using var browser = app.CreateSessionClient();
        browser.Cookies[AdvisorSessionCookie.CookieName] = session;
        return (await browser.GetAsync("/api/assessments?pageSize=1")).StatusCode;
    }

    [Fact]
    public async Task A_session_used_within_30_minutes_slides_on_and_one_left_idle_for_30_minutes_ends()
    {
        var clock = new MovableClock();
        await using var app = StartApp(clock);
        using var advisor = app.CreateSessionClient();
        await advisor.SignInAsync();
        var original = advisor.Session!;

        clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.OK, (await advisor.GetAsync("/api/assessments?pageSize=1")).StatusCode);
        var renewed = advisor.Session!;
        Assert.NotEqual(original, renewed); // past half its life the cookie is reissued with a new expiry

        clock.Advance(TimeSpan.FromMinutes(20)); // 40 minutes after sign-in, 20 after the last use
        Assert.Equal(HttpStatusCode.OK, await UseAsync(app, renewed));
        Assert.Equal(HttpStatusCode.Unauthorized, await UseAsync(app, original)); // the first cookie was idle for 40 minutes
    }

    [Fact]
    public async Task A_session_ends_8_hours_after_sign_in_however_active_it_is()
    {
        var clock = new MovableClock();
        await using var app = StartApp(clock);
        using var advisor = app.CreateSessionClient();
        await advisor.SignInAsync();

        for (var use = 1; use <= 23; use++) // every 20 minutes until 7 h 40 min after sign-in
        {
            clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, (await advisor.GetAsync("/api/assessments?pageSize=1")).StatusCode);
        }
        clock.Advance(TimeSpan.FromMinutes(25)); // 8 h 5 min after sign-in, only 25 idle minutes
        Assert.Equal(HttpStatusCode.Unauthorized, (await advisor.GetAsync("/api/assessments?pageSize=1")).StatusCode);
        Assert.Null(advisor.Session); // and the browser is told to drop it
    }
}
