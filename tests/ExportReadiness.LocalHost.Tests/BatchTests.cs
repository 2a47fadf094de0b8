using System.Net;
using System.Text;
using System.Text.Json;
using ExportReadiness.Core.Batches;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Storage;
using ExportReadiness.Testing;

namespace ExportReadiness.LocalHost.Tests;

[Collection(PipelineCollection.Name)]
public class BatchTests(PipelineFixture pipeline)
{
    private readonly HttpClient _advisor = pipeline.App.CreateAdvisorClient();

    private Task<HttpResponseMessage> UploadAsync(string csv, string programme) =>
        _advisor.PostAsync($"/api/batches?programme={programme}", new StringContent(csv, Encoding.UTF8, "text/csv"));

    private async Task<JsonElement> WaitForBatchAsync(string id, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var batch = JsonDocument.Parse(await _advisor.GetStringAsync($"/api/batches/{id}")).RootElement;
            if (done(batch)) return batch;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Batch {id}: {batch}");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task A_batch_file_larger_than_kestrels_default_body_limit_is_accepted()
    {
        // 31 MB: over Kestrel's default 30,000,000-byte request limit, under the batch limit (100 MiB).
        // Blank lines keep it cheap to ingest; what is tested is that the upload is not refused.
        var csv = new BatchFileBuilder().Add(AssessmentBuilder.Mixed().Named("Stor Fil AB")).ToCsv() + new string('\n', 31_000_000);

        var response = await UploadAsync(csv, Unique.Programme("big"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        var batch = await WaitForBatchAsync(id, b => b.GetProperty("scored").GetInt32() == 1);
        Assert.Equal(1, batch.GetProperty("accepted").GetInt32());
    }

    [Fact]
    public async Task A_scored_batch_was_indexed_a_slice_at_a_time_and_leaves_nothing_for_the_sweep()
    {
        var programme = Unique.Programme("sliced");
        var csv = new BatchFileBuilder().AddMany(250, i => AssessmentBuilder.Mixed().Named($"Skiva {i} AB")).ToCsv();

        var response = await UploadAsync(csv, programme);
        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        await WaitForBatchAsync(id, b => b.GetProperty("scored").GetInt32() == 250);

        // Lines 2–251: slices 0, 1 and 2, each one entry in the id index; the scorer of each slice's message took its
        // pending entry away, so the sweep has nothing of this batch to read.
        var prefix = id[..BatchAssessmentIds.PrefixLength];
        Assert.Equal(3, await CountAsync(StorageNames.AssessmentIndexTable, $"PartitionKey eq '{prefix}'"));
        await Until.TrueAsync(async () => await CountAsync(StorageNames.PendingScoringTable, $"RowKey ge '{prefix}' and RowKey lt '{prefix}~'") == 0,
            "the batch's pending entries to go", seconds: 30);
        var row = JsonDocument.Parse(await _advisor.GetStringAsync($"/api/assessments/{BatchAssessmentIds.Of(prefix, 137)}")).RootElement;
        Assert.Equal("Scored", row.GetProperty("status").GetString());
    }

    private async Task<int> CountAsync(string table, string filter)
    {
        var count = 0;
        await foreach (var _ in pipeline.App.Storage.Table(table).QueryAsync<Azure.Data.Tables.TableEntity>(filter, select: ["RowKey"])) count++;
        return count;
    }

    [Fact]
    public async Task A_nan_in_the_middle_of_three_thousand_rows_rejects_that_line_alone()
    {
        var programme = Unique.Programme("nan");
        var csv = new BatchFileBuilder()
            .AddMany(2700, i => AssessmentBuilder.Mixed().Named($"Rad {i} AB"))
            .Add(AssessmentBuilder.Mixed().Named("Trasig AB"), row => row["turnoverSek"] = "NaN") // line 2,702
            .AddMany(299, i => AssessmentBuilder.Mixed().Named($"Efter {i} AB"))
            .ToCsv();

        var response = await UploadAsync(csv, programme);
        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        var batch = await WaitForBatchAsync(id, b => b.GetProperty("status").GetString() is "Ingested" or "Failed");

        Assert.Equal("Ingested", batch.GetProperty("status").GetString());
        Assert.Equal(3000, batch.GetProperty("rows").GetInt32());
        Assert.Equal(2999, batch.GetProperty("accepted").GetInt32());
        var rejected = Assert.Single(batch.GetProperty("rejections").EnumerateArray());
        Assert.Equal(2702, rejected.GetProperty("line").GetInt64());
        Assert.StartsWith("turnoverSek:", rejected.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_browser_form_upload_and_a_file_typed_as_excel_csv_are_both_accepted()
    {
        var programme = Unique.Programme("types");
        var form = new MultipartFormDataContent
        {
            { new StringContent(new BatchFileBuilder().Add(AssessmentBuilder.Mixed().Named("Formulär AB")).ToCsv(), Encoding.UTF8, "text/csv"), "file", "batch.csv" },
        };
        var excel = new StringContent(new BatchFileBuilder().Add(AssessmentBuilder.Mixed().Named("Excel AB")).ToCsv(), Encoding.UTF8, "application/vnd.ms-excel");

        var fromForm = await _advisor.PostAsync($"/api/batches?programme={programme}", form);
        var fromExcel = await _advisor.PostAsync($"/api/batches?programme={programme}", excel);

        Assert.Equal(HttpStatusCode.Accepted, fromForm.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, fromExcel.StatusCode);
        foreach (var response in new[] { fromForm, fromExcel })
        {
            var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
            await WaitForBatchAsync(id, b => b.GetProperty("accepted").GetInt32() == 1);
        }
    }

    [Fact]
    public async Task A_file_with_unknown_columns_is_refused_whole_and_the_template_lists_the_columns()
    {
        var response = await UploadAsync("companyName,sector,favouriteColour\r\nA,mining,blue\r\n", "default");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var header = (await response.ProblemAsync()).GetProperty("errors").GetProperty("header");
        Assert.Contains(header.EnumerateArray(), e => e.GetString()!.Contains("favouriteColour"));

        var template = await _advisor.GetStringAsync("/api/batches/template.csv");
        Assert.StartsWith("programme,companyName,sector,employees", template.TrimStart('\uFEFF'));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await _advisor.PostAsync("/api/batches", new StringContent("{}", Encoding.UTF8, "application/json"))).StatusCode);
    }
}
