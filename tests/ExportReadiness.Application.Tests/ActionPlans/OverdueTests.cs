using ExportReadiness.Application.ActionPlans;
using ExportReadiness.Application.Pages;
using ExportReadiness.Application.Reports;
using ExportReadiness.Testing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExportReadiness.Application.Tests.ActionPlans;

/// <summary>
/// "Overdue" is a matter of the app's clock, never the machine's: each case puts the app's today on the other side of
/// the action's due date from any real today, so a page or export reading the wall clock gets the opposite answer.
/// </summary>
public sealed class OverdueTests
{
    public static TheoryData<string, string, bool> Cases => new()
    {
        // The app's today, the action's due date, whether it is overdue then.
        { "2099-12-01", "2099-06-01", true },
        { "2000-06-01", "2000-12-01", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_overdue_badge_on_both_pages_and_the_actions_export_read_the_apps_clock(string today, string due, bool overdue)
    {
        await using var app = new ApplicationUnderTest(start: DateTimeOffset.Parse(today + "T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var (id, token) = await app.SubmitScoredAsync(AssessmentBuilder.Mixed());
        var gaps = Assert.IsType<Ok<ActionPlanView>>((await app.Get<ActionPlanHandlers>().Get(id, app.Get($"/api/assessments/{id}/actions").WithToken(token), default)).Result).Value!.Gaps;
        var added = await app.Get<ActionPlanHandlers>().Post(id, app.Post($"/api/assessments/{id}/actions", new { gap = gaps[0].QuestionId, owner = "Anna", dueDate = due }).WithToken(token), default);
        Assert.IsType<Created<ActionView>>(added.Result);

        var advisorPage = await app.Get<AdvisorPages>().Detail(id, (await app.Get($"/advisor/assessments/{id}?lang=en").AsAdvisorAsync()).Request, default);
        var smeContext = app.Get($"/result/{id}?lang=en").WithHeader("Cookie", $"{SmePages.ResultTokenCookie(id)}={token}");
        var smePage = await app.Get<SmePages>().Result(id, smeContext, default);
        var csvContext = await app.Get("/api/reports/actions.csv").AsAdvisorAsync();
        await app.Get<ReportHandlers>().ActionsCsv(csvContext, default);

        Assert.Equal(overdue, HasBadge((await advisorPage.RenderAsync(app.Get($"/advisor/assessments/{id}"))).Body));
        Assert.Equal(overdue, HasBadge((await smePage.RenderAsync(smeContext)).Body));
        Assert.Equal(overdue ? "true" : "false", CsvColumn(await BodyAsync(csvContext), "overdue"));
    }

    /// <summary>The plan's one row carries the badge (the page has no other use for the class).</summary>
    private static bool HasBadge(string html)
    {
        Assert.Contains("id=\"action-plan-table\"", html, StringComparison.Ordinal);
        return html.Contains("class=\"overdue\"", StringComparison.Ordinal);
    }

    private static string CsvColumn(string csv, string column)
    {
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        return lines[1].Split(',')[Array.IndexOf(lines[0].Split(','), column)];
    }

    private static async Task<string> BodyAsync(HttpContext context)
    {
        context.Response.Body.Position = 0;
        return await new StreamReader(context.Response.Body).ReadToEndAsync();
    }
}
