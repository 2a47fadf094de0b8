using System.Text.RegularExpressions;
using ExportReadiness.Application.Funnel;
using ExportReadiness.Application.Pages;
using ExportReadiness.Application.Reviews;

namespace ExportReadiness.Application.Tests.Pages;

/// <summary>The advisors' pages as a signed-in advisor's browser receives them, and what the tests read in their HTML.</summary>
internal static partial class AdvisorPageReading
{
    public static async Task<(int Status, string Html)> DashboardAsync(this ApplicationUnderTest app, string query = "lang=en")
    {
        var context = await app.Get($"/advisor?{query}").AsAdvisorAsync();
        return await (await app.Get<AdvisorPages>().Dashboard(context.Request, default)).RenderAsync(context);
    }

    public static async Task<(int Status, string Html)> DetailAsync(this ApplicationUnderTest app, string id, string lang = "en")
    {
        var context = await app.Get($"/advisor/assessments/{id}?lang={lang}").AsAdvisorAsync();
        return await (await app.Get<AdvisorPages>().Detail(id, context.Request, default)).RenderAsync(context);
    }

    /// <summary>Records a verdict as the review form does (the first one, without If-Match).</summary>
    public static async Task ReviewAsync(this ApplicationUnderTest app, string id, string verdict, string note = "", string messageToSme = "")
    {
        var context = await app.Put($"/api/assessments/{id}/review", new { verdict, note, messageToSme }).AsAdvisorAsync();
        Assert.Equal(200, (await (await app.Get<ReviewHandlers>().Put(id, context, default)).Result.RenderAsync(context)).Status);
    }

    public static async Task MoveAsync(this ApplicationUnderTest app, string productId, string stage, string date, string note = "")
    {
        var context = await app.Post($"/api/products/{productId}/stages", new { stage, date, note }).AsAdvisorAsync();
        Assert.Equal(201, (await (await app.Get<StageHandlers>().Move(productId, context, default)).Result.RenderAsync(context)).Status);
    }

    /// <summary>The element with the id, from its start tag to the end of its first line of markup (enough for one-line elements).</summary>
    public static string Element(string html, string id)
    {
        var match = Regex.Match(html, $"<(\\w+)[^>]*\\sid=\"{Regex.Escape(id)}\"[^>]*>");
        Assert.True(match.Success, $"No element #{id} on the page.");
        var end = html.IndexOf($"</{match.Groups[1].Value}>", match.Index, StringComparison.Ordinal);
        return end < 0 ? match.Value : html[match.Index..(end + match.Groups[1].Length + 3)];
    }

    /// <summary>The body rows of a table (its tbody's tr elements).</summary>
    public static IReadOnlyList<string> BodyRows(string table)
    {
        var body = table[table.IndexOf("<tbody>", StringComparison.Ordinal)..];
        return [.. RowPattern().Matches(body).Select(m => m.Value)];
    }

    /// <summary>Every visible form control (input but hidden, select, textarea) that no label encloses and no aria-label names.</summary>
    public static IReadOnlyList<string> UnlabelledControls(string html) =>
        [.. ControlPattern().Matches(html)
            .Where(m => !m.Value.Contains("type=\"hidden\"", StringComparison.Ordinal) && !m.Value.Contains("aria-label=", StringComparison.Ordinal))
            .Where(m => html.LastIndexOf("<label", m.Index, StringComparison.Ordinal) <= html.LastIndexOf("</label>", m.Index, StringComparison.Ordinal))
            .Select(m => m.Value)];

    /// <summary>The page's headings' levels in document order: h1 first, then never deeper by more than one step.</summary>
    public static IReadOnlyList<int> HeadingLevels(string html) => [.. HeadingPattern().Matches(html).Select(m => m.Groups[1].Value[0] - '0')];

    [GeneratedRegex("<tr[\\s>].*?</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex("<(input|select|textarea)\\b[^>]*>")]
    private static partial Regex ControlPattern();

    [GeneratedRegex("<h([1-6])[\\s>]")]
    private static partial Regex HeadingPattern();
}
