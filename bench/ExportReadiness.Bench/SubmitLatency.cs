using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ExportReadiness.Application.Scoring;
using ExportReadiness.Testing;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// One SME's wait: submit a questionnaire, then read it until it is Scored, against the app with its default
/// queue settings (as <c>scripts/run-local</c> runs it). Warm: one submission after another. From idle: each
/// after some quiet seconds, when the queue poller has backed off to its longest interval (2 s).
/// </summary>
internal static class SubmitLatency
{
    public static async Task<int> RunAsync(int warm, int idle)
    {
        await using var azurite = new Azurite();
        await azurite.StartAsync();
        await using var app = new BenchApplication(azurite.ConnectionString, BenchApplication.AdvisorKey, bulkQueueSettings: false);
        var model = await app.StartAndWaitForModelAsync();
        var client = app.CreateClient();
        Console.WriteLine($"Model {model.Version}; {Environment.ProcessorCount} cores; default queue settings");

        await SubmitAndWaitAsync(client); // the first request pays for JIT and connection set-up
        var warmTimes = new List<TimeSpan>();
        for (var i = 0; i < warm; i++) warmTimes.Add(await SubmitAndWaitAsync(client));
        var idleTimes = new List<TimeSpan>();
        for (var i = 0; i < idle; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(8));
            idleTimes.Add(await SubmitAndWaitAsync(client));
        }

        Console.WriteLine();
        Console.WriteLine("| submit → Scored (202, then GET every 20 ms) | n | median | p90 | max |");
        Console.WriteLine("|---|---|---|---|---|");
        Console.WriteLine(Row("warm, one after another", warmTimes));
        Console.WriteLine(Row("after 8 s idle", idleTimes));
        return 0;
    }

    private static async Task<TimeSpan> SubmitAndWaitAsync(HttpClient client)
    {
        var clock = Stopwatch.StartNew();
        var response = await client.PostAsync("/api/assessments",
            new StringContent(AssessmentBuilder.Mixed().InProgramme("latency").ToJsonString(), Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = accepted.GetProperty("id").GetString();
        var token = accepted.GetProperty("accessToken").GetString();
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/assessments/{id}");
            request.Headers.Add("X-Assessment-Token", token);
            var body = await (await client.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
            if (body.GetProperty("status").GetString() != "Pending") return clock.Elapsed;
            if (clock.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException($"{id} still Pending after 30 s.");
            await Task.Delay(20);
        }
    }

    private static string Row(string label, List<TimeSpan> times)
    {
        var ms = times.Select(t => t.TotalMilliseconds).Order().ToList();
        string F(double x) => x.ToString("F0", CultureInfo.InvariantCulture) + " ms";
        return $"| {label} | {ms.Count} | {F(ms[ms.Count / 2])} | {F(ms[(int)Math.Ceiling(ms.Count * 0.9) - 1])} | {F(ms[^1])} |";
    }
}
