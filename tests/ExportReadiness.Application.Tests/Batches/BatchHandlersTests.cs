using ExportReadiness.Application.Batches;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Batches;
using ExportReadiness.Testing;
using ExportReadiness.Testing.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExportReadiness.Application.Tests.Batches;

public sealed class BatchHandlersTests : ApplicationTests
{
    private static string File(int rows) => new BatchFileBuilder().AddMany(rows, i => AssessmentBuilder.Mixed().Named($"Rad {i} AB")).ToCsv();

    [Fact]
    public async Task An_upload_is_accepted_with_its_location_stored_and_sent_for_ingest()
    {
        var csv = File(2);

        var accepted = Assert.IsType<Accepted<BatchView>>(await App.UploadAsync(csv));

        var view = accepted.Value!;
        Assert.Equal($"/api/batches/{view.Id}", accepted.Location);
        Assert.Equal((BatchStatus.Accepted, "umea", App.Clock.GetUtcNow(), false), (view.Status, view.DefaultProgramme, view.UploadedAt, view.Duplicate));
        Assert.Equal([view.Id], App.Storage.BatchQueue.SentBatchIds);
        await using var input = await App.Storage.Batches.OpenInputAsync(view.Id, default);
        Assert.Equal(csv, await new StreamReader(input).ReadToEndAsync());
    }

    [Fact]
    public async Task The_same_file_posted_twice_is_the_same_batch_and_is_sent_again_only_while_not_yet_ingested()
    {
        var csv = File(3);
        var id = await App.UploadedAsync(csv);

        var beforeIngest = Assert.IsType<Ok<BatchView>>(await App.UploadAsync(csv)).Value!;
        await App.IngestWaitingAsync();
        var afterIngest = Assert.IsType<Ok<BatchView>>(await App.UploadAsync(csv)).Value!;

        Assert.Equal((id, true), (beforeIngest.Id, beforeIngest.Duplicate));
        Assert.Equal((id, true, 3), (afterIngest.Id, afterIngest.Duplicate, afterIngest.Accepted));
        // The first message and the re-sent one; none after the batch was ingested.
        Assert.Equal([id, id], App.Storage.BatchQueue.SentBatchIds);
        Assert.Equal(3, App.Storage.ScoringQueue.SentIds.Count);
    }

    [Fact]
    public async Task The_same_file_for_another_programme_is_another_batch()
    {
        var csv = File(1);

        var umea = await App.UploadedAsync(csv, "umea");
        var lulea = await App.UploadedAsync(csv, "lulea");

        Assert.NotEqual(umea, lulea);
    }

    [Fact]
    public async Task A_file_with_unknown_columns_is_refused_whole_naming_the_column()
    {
        var problem = (await App.UploadAsync("companyName,sector,favouriteColour\r\nA,mining,blue\r\n")).Problem();

        Assert.Equal(StatusCodes.Status400BadRequest, problem.Status);
        Assert.Contains(problem.Errors["header"], e => e.Contains("favouriteColour", StringComparison.Ordinal));
        Assert.Empty(App.Storage.BatchQueue.Sent);
    }

    [Fact]
    public async Task A_programme_that_is_no_identifier_is_refused_before_the_file_is_read()
    {
        var problem = (await App.UploadAsync(File(1), programme: "umeå/2026")).Problem();

        Assert.Equal(StatusCodes.Status400BadRequest, problem.Status);
        Assert.Equal(["programme"], problem.Errors.Keys);
    }

    [Fact]
    public async Task A_body_that_is_no_csv_is_415()
    {
        var problem = (await App.UploadAsync("{}", contentType: "application/json")).Problem();

        Assert.Equal(StatusCodes.Status415UnsupportedMediaType, problem.Status);
    }

    [Fact]
    public async Task A_file_over_the_batch_limit_is_413_and_nothing_is_stored()
    {
        await using var app = new ApplicationUnderTest(new Dictionary<string, string?> { ["ExportReadiness:MaxBatchBytes"] = "2048" });

        var problem = (await app.UploadAsync(File(3))).Problem();

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, problem.Status);
        Assert.Empty(app.Storage.BatchQueue.Sent);
    }

    [Fact]
    public async Task An_unknown_batch_is_404_and_so_are_the_rejections_of_one_not_yet_ingested()
    {
        var id = await App.UploadedAsync(File(1));
        var handlers = App.Get<BatchHandlers>();

        var unknown = (await handlers.Get("0000000000000000", (await App.Get("/api/batches/x").AsAdvisorAsync()).Request, default)).Result.Problem();
        var rejections = (await handlers.RejectedCsv(id, (await App.Get($"/api/batches/{id}/rejected.csv").AsAdvisorAsync()).Request, default)).Problem();

        Assert.Equal((404, 404), (unknown.Status, rejections.Status));
    }

    [Fact]
    public async Task A_batchs_status_counts_its_scored_rows_in_each_programme_its_rows_went_to_and_nowhere_else()
    {
        var csv = new BatchFileBuilder()
            .Add(AssessmentBuilder.Strong().Named("Växjö Glas AB").InProgramme("kronoberg"))
            .Add(AssessmentBuilder.Mixed().Named("Umeå Trä AB"))
            .Add(AssessmentBuilder.Weak().Named("Ljungby Mat AB").InProgramme("kronoberg"))
            .ToCsv();
        var id = await App.UploadedAsync(csv, programme: "umea");
        await App.IngestWaitingAsync();
        var counts = new List<AssessmentQuery>();
        var store = new CountRecorder(App.Storage.Assessments, counts);
        var batch = await App.BatchAsync(id);
        Assert.Equal(["kronoberg", "umea"], batch.Programmes);
        await foreach (var row in App.Storage.Assessments.ScanAsync(new AssessmentQuery(BatchId: id), default))
            if (row.Company.Name != "Umeå Trä AB") await App.Storage.Assessments.ReplaceManyAsync([row with { Status = AssessmentStatus.Scored, Result = ContractData.Result(70, "m") }], default);
        var handlers = ActivatorUtilities.CreateInstance<BatchHandlers>(App.Services, (IAssessmentStore)store);

        var view = (await handlers.Get(id, (await App.Get($"/api/batches/{id}").AsAdvisorAsync()).Request, default)).Result;

        Assert.Equal(2, Assert.IsType<Ok<BatchView>>(view).Value!.Scored);
        Assert.Equal(["kronoberg", "umea"], counts.Select(q => q.Programme).Order(StringComparer.Ordinal));
        Assert.All(counts, q => Assert.Equal((AssessmentStatus.Scored, id), (q.Status, q.BatchId)));
    }

    private sealed class CountRecorder(IAssessmentStore inner, List<AssessmentQuery> counts) : ExportReadiness.Testing.Faults.DelegatingAssessmentStore(inner)
    {
        public override Task<int> CountAsync(AssessmentQuery query, CancellationToken cancellationToken)
        {
            lock (counts) counts.Add(query);
            return base.CountAsync(query, cancellationToken);
        }

        public override Task<int> ScoredInBatchAsync(string programme, string batchId, CancellationToken cancellationToken)
        {
            lock (counts) counts.Add(new AssessmentQuery(Programme: programme, Status: AssessmentStatus.Scored, BatchId: batchId));
            return base.ScoredInBatchAsync(programme, batchId, cancellationToken);
        }
    }
}
