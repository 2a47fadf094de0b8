using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using ExportReadiness.Core.Batches;
using ExportReadiness.Storage;
using ExportReadiness.Testing;
using Xunit.Abstractions;

namespace ExportReadiness.LocalHost.Tests.Recovery;

/// <summary>
/// The local host killed outright (kill -9) while it works, then started again: what was in flight is picked up
/// once its lease runs out and finished, nothing twice. A class of its own with its own Azurite, so that no other app
/// instance competes for the messages. How soon work resumes is the lease's length, whose default (at most 30 s) is
/// checked in <c>QueueLeaseTests</c>; here the lease is 5 s so the test does not wait half a minute for it.
/// </summary>
public class CrashRecoveryTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    private const int Rows = 3000;

    private static readonly Dictionary<string, string> ShortLease = new()
    {
        ["ExportReadiness__Queue__ProcessingLease"] = "00:00:05",
        ["ExportReadiness__Queue__ProcessingLeaseRenewal"] = "00:00:01",
    };

    private sealed record Progress(string Status, int Accepted, int Scored);

    private static async Task<Progress> ProgressAsync(HttpClient advisor, string id)
    {
        var batch = JsonDocument.Parse(await advisor.GetStringAsync($"/api/batches/{id}")).RootElement;
        return new Progress(batch.GetProperty("status").GetString()!, batch.GetProperty("accepted").GetInt32(), batch.GetProperty("scored").GetInt32());
    }

    [Fact]
    public async Task A_batch_whose_process_is_killed_mid_ingest_resumes_after_a_restart_and_completes_with_every_row_once()
    {
        var programme = $"crash-{Guid.NewGuid():N}"[..18];
        var csv = new BatchFileBuilder().AddMany(Rows, i => AssessmentBuilder.Mixed().Named($"Avbruten {i} AB")).ToCsv();
        var accepted = new List<int>();
        string id;

        await SeededModel.PublishAsync(azurite.ConnectionString);
        await using (var first = await LocalHostProcess.StartAsync(azurite.ConnectionString, ShortLease))
        {
            using var advisor = first.CreateAdvisorClient();
            var upload = await advisor.PostAsync($"/api/batches?programme={programme}", new StringContent(csv, Encoding.UTF8, "text/csv"));
            Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
            id = JsonDocument.Parse(await upload.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
            while (true)
            {
                var progress = await ProgressAsync(advisor, id);
                accepted.Add(progress.Accepted);
                Assert.True(progress.Status != nameof(BatchStatus.Ingested), "The batch was ingested before the process could be killed mid-way.");
                if (progress.Accepted > 0) break;
                await Task.Delay(25);
            }
            first.Kill();
        }
        var atKill = accepted[^1];
        output.WriteLine($"Killed with {atKill} of {Rows} rows accepted.");

        var restart = Stopwatch.StartNew();
        TimeSpan? resumed = null;
        Progress last;
        await using (var second = await LocalHostProcess.StartAsync(azurite.ConnectionString, ShortLease))
        {
            output.WriteLine($"Restarted and ready after {restart.Elapsed.TotalSeconds:F1} s.");
            using var advisor = second.CreateAdvisorClient();
            var deadline = DateTime.UtcNow.AddMinutes(5);
            while (true)
            {
                last = await ProgressAsync(advisor, id);
                accepted.Add(last.Accepted);
                if (resumed is null && last.Accepted > atKill) resumed = restart.Elapsed;
                if (last.Status == nameof(BatchStatus.Ingested) && last.Scored == Rows) break;
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"Batch {id}: {last}\n{second.Output}");
                await Task.Delay(250);
            }
        }
        output.WriteLine($"Counts moved again {resumed?.TotalSeconds:F1} s after the restart.");

        Assert.NotNull(resumed);
        Assert.Equal(accepted.Order(), accepted); // never went down, as an advisor polling it sees it
        Assert.Equal(Rows, last.Accepted);
        // Every row stored once: exactly the ids of the file's lines (header on line 1), no more.
        var table = new TableClient(azurite.ConnectionString, StorageNames.AssessmentsTable);
        var stored = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"BatchId eq {id}"), select: ["RowKey"]))
            stored.Add(row.RowKey);
        var batch = new Batch { Id = id, DefaultProgramme = programme, UploadedAt = default, SizeBytes = 0 };
        Assert.Equal(Enumerable.Range(2, Rows).Select(line => batch.AssessmentId(line)).Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
    }
}
