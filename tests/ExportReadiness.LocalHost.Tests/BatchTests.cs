using System.Net;
using System.Text;
using System.Text.Json;
using ExportReadiness.Core.Batches;
using ExportReadiness.Core.Questionnaire;
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
    public async Task A_batch_with_good_and_bad_rows_scores_the_good_and_names_each_bad_line()
    {
        var programme = Unique.Programme("batch");
        var enumQuestion = QuestionnaireSchema.V1.Questions.First(q => q.Type == QuestionType.Choice && q.AppliesTo is null && q.Required);
        var csv = new BatchFileBuilder()
            .Add(AssessmentBuilder.Strong().Named("Luleå Stål AB").InSector("mining"))
            .Add(AssessmentBuilder.Mixed().Named("Ok Trä AB"), row => row["employees"] = "many")          // line 3
            .Add(AssessmentBuilder.Weak().Named("Kalix Fisk AB").InSector("food"))
            .Add(AssessmentBuilder.Mixed().Named("Utan Svar AB"), row => row[enumQuestion.Id] = "kanske") // line 5
            .Add(AssessmentBuilder.Mixed().InSector("tourism").Named("Abisko Turism AB"))
            .ToCsv();

        var response = await UploadAsync(csv, programme);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        Assert.Equal($"/api/batches/{id}", response.Headers.Location?.OriginalString);

        var batch = await WaitForBatchAsync(id, b => b.GetProperty("scored").GetInt32() == 3);
        Assert.Equal(5, batch.GetProperty("rows").GetInt32());
        Assert.Equal(3, batch.GetProperty("accepted").GetInt32());
        Assert.Equal(2, batch.GetProperty("rejected").GetInt32());
        var rejections = batch.GetProperty("rejections").EnumerateArray().ToList();
        Assert.Equal([3L, 5L], rejections.Select(r => r.GetProperty("line").GetInt64()));
        Assert.Contains("employees", rejections[0].GetProperty("reason").GetString());
        Assert.Contains(enumQuestion.Id, rejections[1].GetProperty("reason").GetString());
        Assert.False(batch.GetProperty("rejectionsTruncated").GetBoolean());
        Assert.Equal("employees: Expected a number.", rejections[0].GetProperty("reason").GetString());

        // The same reasons in Swedish for an advisor whose client asks for Swedish, under the same columns.
        using var inSwedish = new HttpRequestMessage(HttpMethod.Get, $"/api/batches/{id}");
        inSwedish.Headers.AcceptLanguage.ParseAdd("sv-SE");
        var swedish = JsonDocument.Parse(await (await _advisor.SendAsync(inSwedish)).Content.ReadAsStringAsync()).RootElement
            .GetProperty("rejections").EnumerateArray().Select(r => r.GetProperty("reason").GetString()!).ToList();
        Assert.Equal("employees: Förväntade ett tal.", swedish[0]);
        Assert.StartsWith($"{enumQuestion.Id}: 'kanske' är inget svarsalternativ", swedish[1]);

        // Every rejected line, as a file an advisor can open: the reason in English, then in Swedish.
        var rejectedCsv = await _advisor.GetStringAsync(batch.GetProperty("rejectionsCsv").GetString());
        var lines = rejectedCsv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("line,reason,reason_sv", lines[0]);
        Assert.Equal(["3", "5"], lines[1..].Select(l => l.Split(',')[0]));

        var list = JsonDocument.Parse(await _advisor.GetStringAsync($"/api/assessments?programme={programme}")).RootElement;
        Assert.Equal(3, list.GetProperty("items").GetArrayLength());
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
    public async Task Posting_the_same_file_twice_does_not_duplicate()
    {
        var programme = Unique.Programme("twice");
        var csv = new BatchFileBuilder().AddMany(4, i => AssessmentBuilder.Mixed().Named($"Dubblett {i} AB")).ToCsv();

        var first = await UploadAsync(csv, programme);
        var id = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        await WaitForBatchAsync(id, b => b.GetProperty("scored").GetInt32() == 4);

        var second = await UploadAsync(csv, programme);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var again = JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(id, again.GetProperty("id").GetString());
        Assert.True(again.GetProperty("duplicate").GetBoolean());

        var list = JsonDocument.Parse(await _advisor.GetStringAsync($"/api/assessments?programme={programme}&pageSize=100")).RootElement;
        Assert.Equal(4, list.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Re_posting_a_batch_whose_ingest_message_was_lost_ingests_it()
    {
        var programme = Unique.Programme("lost");
        var csv = new BatchFileBuilder().AddMany(2, i => AssessmentBuilder.Mixed().Named($"Förlorad {i} AB")).ToCsv();
        var first = await UploadAsync(csv, programme);
        var id = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        await WaitForBatchAsync(id, b => b.GetProperty("status").GetString() == "Ingested");
        // As if the process had crashed after recording the batch and before sending its message.
        var store = pipeline.App.Services.GetRequiredService<IBatchStore>();
        await store.SaveAsync((await store.GetAsync(id, default))! with { Status = BatchStatus.Accepted }, default);

        var again = await UploadAsync(csv, programme);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var batch = await WaitForBatchAsync(id, b => b.GetProperty("status").GetString() == "Ingested");
        Assert.Equal(2, batch.GetProperty("accepted").GetInt32());
        var list = JsonDocument.Parse(await _advisor.GetStringAsync($"/api/assessments?programme={programme}&pageSize=100")).RootElement;
        Assert.Equal(2, list.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_batch_that_cannot_be_ingested_is_marked_failed_with_its_reason_on_the_last_delivery()
    {
        // A batch row whose uploaded file is gone: every ingest attempt fails.
        var store = pipeline.App.Services.GetRequiredService<IBatchStore>();
        var id = Guid.NewGuid().ToString("N");
        Assert.True(await store.TryAddAsync(new Batch { Id = id, DefaultProgramme = "default", UploadedAt = DateTimeOffset.UtcNow, SizeBytes = 10 }, default));
        var handler = pipeline.App.Services.GetRequiredService<IngestBatchHandler>();
        var message = ExportReadiness.Storage.Batches.StorageBatchQueue.Message(id);
        var lastDelivery = pipeline.App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Application.Hosting.QueueTriggerOptions>>().Value.MaxDequeueCount;

        var early = await handler.HandleAsync([new QueueDelivery(message, lastDelivery - 1)], default);
        Assert.NotNull(early[0].Error);
        Assert.NotEqual(BatchStatus.Failed, (await store.GetAsync(id, default))!.Status);

        var last = await handler.HandleAsync([new QueueDelivery(message, lastDelivery)], default);
        Assert.NotNull(last[0].Error);
        var batch = JsonDocument.Parse(await _advisor.GetStringAsync($"/api/batches/{id}")).RootElement;
        Assert.Equal("Failed", batch.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(batch.GetProperty("failureReason").GetString()));
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
