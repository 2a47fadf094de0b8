using System.Net;
using System.Text.RegularExpressions;
using ExportReadiness.Application.Pages;
using ExportReadiness.Testing;

namespace ExportReadiness.Application.Tests.Pages;

public sealed partial class DestinationReportPageTests : ApplicationTests
{
    /// <summary>Åsnen's products: one meeting every criterion, one without net rates and a label, one meeting none, a sawmill; one tourism product elsewhere.</summary>
    public override async Task InitializeAsync()
    {
        await App.SubmitAsync(AssessmentBuilder.Strong().InSector("tourism").InProgramme("asnen").Named("Allt Klart AB"));
        await App.SubmitAsync(AssessmentBuilder.Strong().InSector("tourism").InProgramme("asnen").Named("Nästan AB").WithGapsIn("tour_net_rates", "tour_sustainability_label"));
        await App.SubmitAsync(AssessmentBuilder.Weak().InSector("tourism").InProgramme("asnen").Named("Början AB"));
        await App.SubmitAsync(AssessmentBuilder.Strong().InSector("manufacturing").InProgramme("asnen").Named("Sågverket AB"));
        await App.SubmitAsync(AssessmentBuilder.Strong().InSector("tourism").InProgramme("other").Named("Annanstans AB"));
        await App.ScoreWaitingAsync();
    }

    private async Task<(int Status, string Html)> PageAsync(string query)
    {
        var context = await App.Get($"/advisor/reports/destination?{query}").AsAdvisorAsync();
        var (status, html) = await (await App.Get<DestinationReportPage>().Show(context.Request, default)).RenderAsync(context);
        return (status, WebUtility.HtmlDecode(html)); // the text as a reader sees it (Razor writes + as &#x2B;)
    }

    private static string Today => ApplicationUnderTest.Start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_report_shows_each_criterion_and_dimension_in_swedish_by_default_and_in_english_when_asked()
    {
        var (status, swedish) = await PageAsync("programme=asnen");
        var (_, english) = await PageAsync("programme=asnen&lang=en");

        Assert.Equal(200, status);
        Assert.Contains("<html lang=\"sv\">", swedish);
        Assert.Contains($"<h1 id=\"destination-title\">Destinationsrapport: asnen · {Today}</h1>", swedish);
        Assert.Contains("<h2 id=\"criteria-heading\">VisitSwedens kriterier för exportmogna turismprodukter</h2>", swedish);
        Assert.Contains($"<h1 id=\"destination-title\">Destination report: asnen · {Today}</h1>", english);
        Assert.Contains("<h2 id=\"criteria-heading\">VisitSweden's criteria for export-ready tourism products</h2>", english);
        Assert.Contains("<td>Bookable 2–5 day packages</td><td class=\"share\">67 % <span class=\"muted\">(2/3)</span></td>", english);
        Assert.Contains("<td class=\"share\">33 % <span class=\"muted\">(1/3)</span></td>", english); // all six criteria
        Assert.Equal(7, Rows(english, "data-criterion"));
        Assert.Equal(App.Get<ExportReadiness.Core.Questionnaire.QuestionnaireSchema>().Dimensions.Count, Rows(english, "data-dimension"));
        Assert.Contains("<tr id=\"group-products\"><td>asnen · " + Today + "</td><td class=\"count\">4</td><td>1</td></tr>", english);
        Assert.Contains("<td class=\"joint-action\">", english);
        // One group: bars, not a comparison; the script that prints and the token the scripts read.
        Assert.Contains("<svg class=\"chart\" role=\"img\"", english);
        Assert.DoesNotContain("change-row", english);
        Assert.Contains("<script src=\"/assets/report.js\" defer></script>", english);
        Assert.Contains("<meta name=\"request-verification-token\"", english);
        Assert.Contains("<button type=\"button\" data-print>Print / save as PDF</button>", english);
    }

    [Fact]
    public async Task Two_programmes_side_by_side_show_both_columns_their_differences_and_a_change_chart()
    {
        var (_, html) = await PageAsync("programme=asnen&sector=tourism&compareProgramme=other&lang=en");

        Assert.Contains($"Destination report: asnen · tourism · {Today} compared with other · tourism · {Today}", html);
        Assert.Contains("<tr id=\"comparison-products\"><td>other · tourism · " + Today + "</td><td class=\"count\">1</td>", html);
        // A change chart of the criteria (7 rows) and one of the dimensions.
        Assert.Equal(7 + Rows(html, "data-dimension"), Regex.Count(html, "<g class=\"change-row\""));
        // Net rates: 1 of 3 in Åsnen against 1 of 1 elsewhere.
        Assert.Matches("<tr data-criterion=\"tour_net_rates\">.*?<td class=\"difference\">\\+66\\.7</td>", html);
        Assert.Contains("compareProgramme=other", html[html.IndexOf("id=\"destination-csv\"", StringComparison.Ordinal)..]);
    }

    [Fact]
    public async Task Invalid_filters_answer_with_the_form_naming_each_field_and_keeping_every_value()
    {
        var (status, html) = await PageAsync("programme=asnen&sector=tourism&asOf=2026-02-30&compareRegion=x%23y&lang=en");

        Assert.Equal(400, status);
        Assert.Contains("<li>asOf: Use a date as yyyy-MM-dd.</li>", html);
        Assert.Contains("<li>compareRegion: ", html);
        Assert.Contains("<input type=\"text\" name=\"programme\" value=\"asnen\" />", html);
        Assert.Contains("<option value=\"tourism\" selected>", html);
        Assert.DoesNotContain("id=\"criteria\"", html);
    }

    [Fact]
    public async Task Every_filter_control_is_labelled_every_table_header_has_a_scope_and_headings_go_in_order()
    {
        var (_, html) = await PageAsync("programme=asnen&compareAsOf=2026-11-01&lang=en");

        // Each control inside its label (the hidden language field is no control a person uses).
        var controls = Control().Matches(html).Select(m => m.Value).Where(c => !c.Contains("type=\"hidden\"")).ToList();
        Assert.Equal(8, controls.Count);
        Assert.Equal(8, LabelledControl().Count(html));
        Assert.Equal(Regex.Count(html, "<th\\b"), Regex.Count(html, "<th scope=\"col\""));
        Assert.Equal(["h1", "h2", "h2", "h2"], Heading().Matches(html).Select(m => m.Groups[1].Value));
        Assert.Equal(2, Regex.Count(html, "<svg class=\"chart change\" role=\"img\" [^>]*aria-label=\"[^\"]+\"><title>"));
    }

    private static int Rows(string html, string attribute) => Regex.Count(html, $"<tr {attribute}=");

    [GeneratedRegex("<(?:input|select)\\b[^>]*>")]
    private static partial Regex Control();

    [GeneratedRegex("<label>[^<]+<(?:input|select)\\b")]
    private static partial Regex LabelledControl();

    [GeneratedRegex("<(h[1-6])\\b")]
    private static partial Regex Heading();
}
