using ExportReadiness.Testing;

namespace ExportReadiness.LocalHost.Tests;

/// <summary>
/// Two destinations with known answers, scored through the real pipeline, for the destination report's API and
/// browser tests. Programme A: four tourism products and one manufacturing product; one tourism product was first
/// assessed weak and then re-assessed, so it counts once with its later answers:
/// <list type="bullet">
/// <item>bookable packages: 2 of 4; net rates: 3 of 4; market's language: 1 of 4; every other criterion 4 of 4; all six: 1 of 4;</item>
/// <item>shared gaps: market's language 3 of 5 products, packages 2 of 5, net rates 1 of 5.</item>
/// </list>
/// Programme B: two tourism products meeting every criterion.
/// </summary>
public static class DestinationData
{
    public static string NewProgramme(string name) => Unique.Programme($"dest-{name}");

    private static AssessmentBuilder Tourism(string programme, string company) =>
        AssessmentBuilder.Strong().InSector("tourism").InRegion("SE-G").InProgramme(programme).Named(company);

    /// <summary>Seeds both programmes and waits until every assessment is scored; the UTC dates the app recorded the first and the last at.</summary>
    public static async Task<(DateOnly FirstDay, DateOnly LastDay)> SeedAsync(HttpClient sme, string programmeA, string programmeB)
    {
        var first = await sme.SubmitAsync(AssessmentBuilder.Weak().InSector("tourism").InRegion("SE-G").InProgramme(programmeA).Named("Åsnens Kanot AB"));
        var submitted = new List<SubmissionAccepted>
        {
            await sme.SubmitAsync(Tourism(programmeA, "Urshult Stugby AB")),
            await sme.SubmitAsync(Tourism(programmeA, "Tingsryd Fiske AB").WithAnswer("tour_bookable_packages", "on_request").WithAnswer("tour_market_language", false)),
            await sme.SubmitAsync(Tourism(programmeA, "Ryd Vildmark AB").WithAnswer("tour_bookable_packages", "none").WithAnswer("tour_market_language", false).WithAnswer("tour_net_rates", false)),
            await sme.SubmitAsync(AssessmentBuilder.Strong().InSector("manufacturing").InRegion("SE-G").InProgramme(programmeA).Named("Växjö Verkstad AB")),
            await sme.SubmitAsync(Tourism(programmeB, "Kosta Glasresor AB")),
            await sme.SubmitAsync(Tourism(programmeB, "Orrefors Hotell AB")),
        };
        await sme.WaitForStatusAsync(first.Id, first.AccessToken);
        submitted.Add(await sme.ReassessAcceptedAsync(Tourism(programmeA, "Åsnens Kanot AB").WithAnswer("tour_market_language", false), first));
        var days = new List<DateOnly> { await sme.SubmittedOnAsync(first) };
        foreach (var s in submitted) days.Add(PipelineClient.DayOf((await sme.WaitForStatusAsync(s.Id, s.AccessToken)).SubmittedAt));
        return (days.Min(), days.Max());
    }
}
