using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using ExportReadiness.Testing;

/// <summary>
/// How long each kind of page takes to answer, end to end through Kestrel's pipeline, on a small programme (so storage
/// reads stay few and the figure is mostly rendering): the questionnaire, an SME's result and re-assess form, the
/// advisor's sign-in, portfolio, product page, destination report and model card. Run it on two commits to compare
/// ways of rendering.
/// </summary>
internal static class PageLatency
{
    private const string Programme = "bench-pages";

    public static async Task<int> RunAsync(int products, int runs)
    {
        await using var azurite = new Azurite();
        await azurite.StartAsync();
        await using var app = new BenchApplication(azurite.ConnectionString, BenchApplication.AdvisorKey, bulkQueueSettings: true);
        var model = await app.StartAndWaitForModelAsync();
        var advisor = app.CreateAdvisorClient();
        var sme = app.CreateClient();
        Console.WriteLine($"Model {model.Version}; {Environment.ProcessorCount} cores; {products} products in one programme; {runs} reads of each page");

        string id = "", token = "";
        for (var i = 0; i < products; i++)
        {
            var response = await sme.PostAsync("/api/assessments", new StringContent(
                (i % 3 == 0 ? AssessmentBuilder.Strong() : AssessmentBuilder.Mixed()).InProgramme(Programme).Named($"Sida {i} AB").ToJsonString(),
                System.Text.Encoding.UTF8, "application/json"));
            var accepted = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
            (id, token) = (accepted.GetProperty("id").GetString()!, accepted.GetProperty("accessToken").GetString()!);
        }
        for (var wait = Stopwatch.StartNew(); wait.Elapsed < TimeSpan.FromMinutes(2); await Task.Delay(200))
            if ((await advisor.GetFromJsonAsync<JsonElement>($"/api/assessments/{id}")).GetProperty("status").GetString() == "Scored") break;
        // Trades the token for the page's cookie as the page's script does: its open form, with the page's antiforgery field.
        var openPage = await (await sme.GetAsync($"/result/{id}")).Content.ReadAsStringAsync();
        var antiforgery = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(openPage, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value);
        (await sme.PostAsync($"/result/{id}/open", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token, ["__RequestVerificationToken"] = antiforgery }))).EnsureSuccessStatusCode();

        (string Label, HttpClient Client, string Path)[] pages =
        [
            ("questionnaire form", sme, "/"),
            ("questionnaire form, English", sme, "/?lang=en"),
            ("SME result page", sme, $"/result/{id}"),
            ("re-assess form", sme, $"/result/{id}/reassess"),
            ("advisor sign-in", sme, "/advisor/login"),
            ("portfolio (dashboard)", advisor, $"/advisor?programme={Programme}"),
            ("product page", advisor, $"/advisor/assessments/{id}"),
            ("destination report", advisor, $"/advisor/reports/destination?programme={Programme}"),
            ("model card", advisor, "/advisor/model"),
        ];
        Console.WriteLine();
        Console.WriteLine("| page | median | p95 | bytes |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var (label, client, path) in pages)
        {
            var bytes = 0;
            for (var warm = 0; warm < 5; warm++) bytes = (await client.GetByteArrayAsync(path)).Length;
            var times = await TimedReads.SortedAsync(client, path, runs);
            Console.WriteLine($"| {label} | {times[times.Count / 2]:F1} ms | {times[(int)(times.Count * 0.95)]:F1} ms | {bytes:N0} |");
        }
        return 0;
    }
}
