using System.Net;
using System.Text.RegularExpressions;
using ExportReadiness.Application.Pages;
using Microsoft.AspNetCore.Components;

namespace ExportReadiness.Application.Tests.Pages;

public sealed partial class ChartComponentTests : ApplicationTests
{
    private Task<string> ChartAsync<TChart>(params (string Name, object? Value)[] parameters) where TChart : IComponent =>
        App.RenderAsync<TChart>(parameters.ToDictionary(p => p.Name, p => p.Value));

    /// <summary>The text as a reader sees it: Razor writes → as &amp;#x2192;.</summary>
    private static string Text(string html) => WebUtility.HtmlDecode(html);

    [Fact]
    public async Task Horizontal_bars_are_as_long_as_their_values_on_the_scale_and_never_past_its_ends()
    {
        var html = await ChartAsync<HorizontalBarChart>(
            (nameof(HorizontalBarChart.Bars), new List<Charts.Bar> { new("Half", 50), new("Quarter", 25, "weak"), new("Over", 150), new("Below", -5) }),
            (nameof(HorizontalBarChart.Max), 100.0), (nameof(HorizontalBarChart.Title), "Score per dimension"), (nameof(HorizontalBarChart.Unit), " %"));

        Assert.Equal(["170", "85", "340", "0"], Bars(html).Select(b => b.Width));
        Assert.Equal("bar weak", Bars(html)[1].Class);
        Assert.Contains("<text x=\"292\" y=\"21\" text-anchor=\"end\" class=\"label\">Half</text>", html);
        Assert.Contains(">50 %</text>", html);
    }

    [Fact]
    public async Task Columns_are_as_high_as_their_values_beside_the_highest()
    {
        var html = await ChartAsync<ColumnChart>(
            (nameof(ColumnChart.Columns), new List<Charts.Bar> { new("Screened", 80), new("Assessed", 40), new("Ready", 20) }),
            (nameof(ColumnChart.Title), "Screening funnel"));

        Assert.Equal(["150", "75", "37.5"], Bars(html).Select(b => Regex.Match(b.Tag, "height=\"([^\"]+)\"").Groups[1].Value));
        Assert.Contains("class=\"label small\">Assessed</text>", html);
    }

    [Fact]
    public async Task A_change_chart_colours_each_row_by_its_direction_and_writes_the_change_in_points()
    {
        var html = await ChartAsync<ChangeBarChart>(
            (nameof(ChangeBarChart.Rows), new List<Charts.ChangeRow> { new("Marketing", 40, 65), new("Finance", 70, 62), new("Staff", 50, 50) }),
            (nameof(ChangeBarChart.Title), "Change"), (nameof(ChangeBarChart.BeforeText), "Last time"), (nameof(ChangeBarChart.AfterText), "Now"));

        Assert.Contains("<g class=\"change-row\" data-before=\"40\" data-after=\"65\">", html);
        Assert.Equal(["bar before", "bar", "bar before", "bar up", "bar before", "bar down", "bar before", "bar same"], Bars(html).Select(b => b.Class));
        Assert.Contains("class=\"value up\">40 → 65 (+25)</text>", Text(html));
        Assert.Contains("class=\"value down\">70 → 62 (−8)</text>", Text(html));
        Assert.Contains("class=\"value same\">50 → 50 (±0)</text>", Text(html));
    }

    [Fact]
    public async Task Lift_and_headroom_share_one_scale_so_areas_compare()
    {
        var html = await ChartAsync<LiftAndHeadroomChart>(
            (nameof(LiftAndHeadroomChart.Rows), new List<Charts.Contribution> { new("Market", 6, 4), new("Product", 2, 3) }),
            (nameof(LiftAndHeadroomChart.Title), "What lifts"), (nameof(LiftAndHeadroomChart.LiftText), "earned"),
            (nameof(LiftAndHeadroomChart.HeadroomText), "open"), (nameof(LiftAndHeadroomChart.OpenWord), "open"));

        // The largest row (10 points) is the full 300 units; the other's 2 and 3 points are 60 and 90.
        Assert.Equal(["12", "12", "180", "120", "60", "90"], Bars(html).Select(b => b.Width));
        Assert.Contains(">+6 · 4 open</text>", Text(html));
    }

    [Fact]
    public async Task A_reliability_point_sits_at_its_predicted_and_observed_share_sized_by_its_rows()
    {
        var html = await ChartAsync<ReliabilityChart>(
            (nameof(ReliabilityChart.Points), new List<Charts.ReliabilityPoint> { new(0.25, 0.5, 100), new(0.75, 0.25, 25) }),
            (nameof(ReliabilityChart.Title), "Reliability"), (nameof(ReliabilityChart.PredictedText), "predicted"), (nameof(ReliabilityChart.ObservedText), "observed"));

        Assert.Contains("<circle cx=\"100\" cy=\"160\" r=\"10\" class=\"bar point\"><title>0.25 → 0.50 (100)</title></circle>", Text(html));
        Assert.Contains("<circle cx=\"220\" cy=\"220\" r=\"6.5\" class=\"bar point\"><title>0.75 → 0.25 (25)</title></circle>", Text(html));
        Assert.Contains("transform=\"rotate(-90 12 160)\">observed</text>", html);
    }

    [Fact]
    public async Task Every_chart_has_an_accessible_name_escapes_its_labels_and_draws_no_NaN_without_data()
    {
        const string title = "Fish & <chips>";
        var empty = new List<Charts.Bar>();
        string[] charts =
        [
            await ChartAsync<HorizontalBarChart>((nameof(HorizontalBarChart.Bars), empty), (nameof(HorizontalBarChart.Max), 0.0), (nameof(HorizontalBarChart.Title), title)),
            await ChartAsync<ColumnChart>((nameof(ColumnChart.Columns), empty), (nameof(ColumnChart.Title), title)),
            await ChartAsync<ChangeBarChart>((nameof(ChangeBarChart.Rows), new List<Charts.ChangeRow>()), (nameof(ChangeBarChart.Title), title),
                (nameof(ChangeBarChart.BeforeText), ""), (nameof(ChangeBarChart.AfterText), "")),
            await ChartAsync<LiftAndHeadroomChart>((nameof(LiftAndHeadroomChart.Rows), new List<Charts.Contribution>()), (nameof(LiftAndHeadroomChart.Title), title),
                (nameof(LiftAndHeadroomChart.LiftText), ""), (nameof(LiftAndHeadroomChart.HeadroomText), ""), (nameof(LiftAndHeadroomChart.OpenWord), "")),
            await ChartAsync<ReliabilityChart>((nameof(ReliabilityChart.Points), new List<Charts.ReliabilityPoint>()), (nameof(ReliabilityChart.Title), title),
                (nameof(ReliabilityChart.PredictedText), ""), (nameof(ReliabilityChart.ObservedText), "")),
        ];

        Assert.All(charts, html =>
        {
            Assert.Matches("^<svg class=\"chart[^\"]*\" role=\"img\" viewBox=\"0 0 \\d+ \\d+\" width=\"100%\" aria-label=\"Fish &amp; &lt;chips&gt;\"><title>Fish &amp; &lt;chips&gt;</title>", html);
            Assert.DoesNotContain("NaN", html);
            Assert.DoesNotContain("Infinity", html);
        });
        var label = await ChartAsync<HorizontalBarChart>((nameof(HorizontalBarChart.Bars), new List<Charts.Bar> { new("<script>alert(1)</script>", double.NaN) }),
            (nameof(HorizontalBarChart.Max), 100.0), (nameof(HorizontalBarChart.Title), "t"));
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", label);
        Assert.DoesNotContain("<script>", label);
    }

    private static List<(string Tag, string Width, string Class)> Bars(string html) =>
        [.. BarRect().Matches(html).Select(m => (m.Value, Regex.Match(m.Value, "width=\"([^\"]*)\"").Groups[1].Value, Regex.Match(m.Value, "class=\"([^\"]*)\"").Groups[1].Value.Trim()))];

    [GeneratedRegex("<rect [^>]*class=\"bar[^\"]*\"[^>]*>")]
    private static partial Regex BarRect();
}
