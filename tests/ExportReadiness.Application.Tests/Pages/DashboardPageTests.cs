using ExportReadiness.Application.Pages;
using ExportReadiness.Testing;
using static ExportReadiness.Application.Tests.Pages.AdvisorPageReading;

namespace ExportReadiness.Application.Tests.Pages;

public sealed class DashboardPageTests : ApplicationTests
{
    [Fact]
    public async Task The_dashboard_counts_and_lists_the_assessments_of_the_filtered_programme()
    {
        var (approved, _) = await App.SubmitScoredAsync(AssessmentBuilder.Strong().InProgramme("norr-2026").Named("Gruv AB"));
        await App.SubmitScoredAsync(AssessmentBuilder.Weak().InProgramme("norr-2026").Named("Snickeri AB"));
        await App.SubmitScoredAsync(AssessmentBuilder.Strong().InProgramme("syd-2026").Named("Skånsk Design AB"));
        await App.ReviewAsync(approved, "ExportReady");

        var (status, html) = await App.DashboardAsync("lang=en&programme=norr-2026");

        Assert.Equal(200, status);
        Assert.Contains("<h1>Portfolio · norr-2026</h1>", html);
        var rows = BodyRows(Element(html, "assessments"));
        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r.Contains(">Gruv AB</a>", StringComparison.Ordinal) && r.Contains("<td>Approved for export</td>", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains(">Snickeri AB</a>", StringComparison.Ordinal) && r.Contains("<td>—</td>", StringComparison.Ordinal));
        Assert.DoesNotContain("Skånsk Design AB", html);
        // The screening funnel's last column counts the approved verdicts, under the verdict's own word.
        Assert.Contains("Approved for export", Element(html, "funnel"));
        Assert.Contains("<span class=\"chain\">2 → 0 → 0 → 0 → 0</span>", Element(html, "stage-funnel"));
        Assert.Contains("href=\"/api/reports/portfolio.csv?lang=en&amp;programme=norr-2026\"", html);
    }

    [Fact]
    public async Task A_full_page_of_assessments_links_to_the_next_with_the_filters_kept()
    {
        for (var i = 0; i <= AdvisorPages.PageSize; i++) await App.SubmitAsync(AssessmentBuilder.Mixed().InProgramme("many"));

        var (_, html) = await App.DashboardAsync("lang=sv&programme=many");

        Assert.Equal(AdvisorPages.PageSize, BodyRows(Element(html, "assessments")).Count);
        Assert.Contains("id=\"next-page\" href=\"/advisor?lang=sv&amp;programme=many&amp;continuationToken=", html);
        Assert.Contains("Nästa sida →", html);
    }

    [Fact]
    public async Task The_filters_keep_their_values_and_every_control_is_labelled()
    {
        await App.SubmitScoredAsync(AssessmentBuilder.Strong().InSector("mining").InRegion("SE-BD"));

        var (_, html) = await App.DashboardAsync("lang=en&programme=p%20%22x%22&sector=mining&region=SE-BD&level=Ready");

        var filters = html[html.IndexOf("<form class=\"filters", StringComparison.Ordinal)..];
        filters = filters[..filters.IndexOf("</form>", StringComparison.Ordinal)];
        Assert.Contains("name=\"programme\" value=\"p &quot;x&quot;\"", filters);
        Assert.Contains("<option value=\"mining\" selected>", filters);
        Assert.Contains("<option value=\"SE-BD\" selected>", filters);
        Assert.Contains("<option value=\"Ready\" selected>", filters);
        Assert.Equal(3, filters.Split(" selected>").Length - 1);
        Assert.Empty(UnlabelledControls(html));
    }

    [Fact]
    public async Task A_company_name_with_markup_is_shown_as_text()
    {
        await App.SubmitScoredAsync(AssessmentBuilder.Strong().Named("<script>alert('x')</script> Gruv AB"));

        var (_, html) = await App.DashboardAsync();

        Assert.DoesNotContain("<script>alert", html);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Gruv AB", html);
    }

    [Fact]
    public async Task The_dashboard_in_Swedish_uses_the_decided_words_and_its_headings_go_in_order()
    {
        var (id, _) = await App.SubmitScoredAsync(AssessmentBuilder.Strong());
        await App.ReviewAsync(id, "NotYet");

        var (_, html) = await App.DashboardAsync("lang=sv");

        Assert.Contains("<html lang=\"sv\">", html);
        Assert.Contains("<td>Inte än</td>", Element(html, "assessments"));
        // The chart's labels are escaped as the chart writes them; what a reader sees is the decided word.
        Assert.Contains("Godkända för export", System.Net.WebUtility.HtmlDecode(Element(html, "funnel")));
        Assert.Contains("<th scope=\"col\">Godkända för export</th>", Element(html, "by-sector"));
        Assert.Contains("<th scope=\"col\">Exportmogen</th>", Element(html, "stage-funnel"));
        Assert.DoesNotContain("Exportredo", System.Net.WebUtility.HtmlDecode(Element(html, "funnel")));
        var levels = HeadingLevels(html);
        Assert.Equal(1, levels[0]);
        Assert.All(levels.Zip(levels.Skip(1)), pair => Assert.True(pair.Second <= pair.First + 1, $"h{pair.First} is followed by h{pair.Second}."));
    }
}
