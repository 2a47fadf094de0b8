using System.Text;
using Azure.Data.Tables;
using ExportReadiness.Core.ActionPlans;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Batches;
using ExportReadiness.Core.Funnel;
using ExportReadiness.Core.Privacy;
using ExportReadiness.Core.Reviews;
using ExportReadiness.Storage.ActionPlans;
using ExportReadiness.Storage.Assessments;
using ExportReadiness.Storage.Funnel;
using ExportReadiness.Storage.Privacy;
using ExportReadiness.Storage.Reviews;
using ExportReadiness.Testing;
using ExportReadiness.Testing.Contracts;

namespace ExportReadiness.Storage.Tests.Privacy;

/// <summary>Erasing a product leaves nothing of it in any table or container (but its erasure record), and the tallies as a scan of the rest.</summary>
[Collection(StorageCollection.Name)]
public sealed class ProductErasureTests(StorageFixture storage)
{
    private static readonly DateOnly Today = new(2026, 12, 3);

    private sealed record Product(Assessment First, Assessment Reassessment, string Company, string BatchId, Assessment Neighbour);

    /// <summary>
    /// A product first assessed in a batch (line 4 of 5), scored, reviewed, moved a stage, with an action, and re-assessed on
    /// the web (still Pending, so in the pending index, with its raw submission), among 30 other scored rows of its programme.
    /// </summary>
    private async Task<Product> ProductAsync(TableAssessmentStore store, string programme, string? reassessedIn = null)
    {
        var others = await ScoredRowsAsync(store, programme);

        var company = $"Raderas {Guid.NewGuid():N} AB";
        var batchId = Guid.NewGuid().ToString("N");
        var prefix = batchId[..BatchAssessmentIds.PrefixLength];
        var builders = Enumerable.Range(0, 5).Select(i => AssessmentBuilder.Mixed().InProgramme(programme).Named(i == 2 ? company : $"Granne {i} AB")).ToList();
        var file = new BatchFileBuilder();
        foreach (var b in builders) file.Add(b);
        await storage.Clients.Container(StorageNames.BatchesContainer).UploadBlobAsync($"{batchId}/input.csv", BinaryData.FromString(file.ToCsv()));
        var batch = builders.Select((b, i) =>
        {
            var submission = b.ToSubmission();
            return new Assessment
            {
                Id = BatchAssessmentIds.Of(prefix, i + 2), Programme = programme, SchemaVersion = submission.SchemaVersion, Company = submission.Company,
                Product = submission.Product, Answers = submission.Answers, SubmittedAt = ContractData.Monday, AccessTokenHash = "", BatchId = batchId,
            };
        }).ToList();
        await store.AddManyAsync(batch, default);
        var first = (await store.FindAsync(batch[2].Id, default))!;
        first = first with { Status = AssessmentStatus.Scored, Result = ContractData.Result(44, "model-a") };
        Assert.True(await store.TryReplaceAsync(first, default));

        var review = ContractData.Review(first.Id, Verdict.NotYet, 90, note: "internt");
        Assert.Equal(ReviewSaveOutcome.Saved, (await new TableReviewStore(storage.Clients).SaveAsync(review, null, default)).Outcome);
        Assert.True(await store.TryReplaceAsync((await store.FindAsync(first.Id, default))! with { Review = review }, default));

        var move = new StageMove(first.Id, FunnelStages.Default.All[1].Id, Today.AddDays(-3), "internt", "Anna Lind", ContractData.Monday);
        Assert.True(await new TableStageMoveStore(storage.Clients).AddAsync(move, default));
        Assert.True(await store.UpdateProductFiguresAsync(first.Id, (f, figures) => figures.WithTimeline(
            ProductTimeline.Build(FunnelStages.Default, DateOnly.FromDateTime(f.SubmittedAt.UtcDateTime), [move], Today), FunnelStages.Default), default));
        await new TableActionPlanStore(storage.Clients).AddAsync(new PlannedAction($"act-{Guid.NewGuid():N}", first.Id, "q1", "market", "Översätt", "Eva Ek, vd",
            Today.AddDays(30), ActionStatus.Planned, ContractData.Monday, PlannedAction.Sme, first.Id), default);

        var reassessment = others[0] with
        {
            Id = Guid.CreateVersion7().ToString(), Programme = reassessedIn ?? programme, ProductId = first.Id, PreviousAssessmentId = first.Id, Company = first.Company, Status = AssessmentStatus.Pending,
            SubmittedAt = ContractData.Monday.AddDays(2), ConcurrencyToken = null, Result = null,
        };
        await new BlobSubmissionArchive(storage.Clients).SaveAsync(reassessment.Id, Encoding.UTF8.GetBytes($"{{\"company\":\"{company}\"}}"), default);
        await store.AddAsync(reassessment, default);
        return new Product(first, (await store.FindAsync(reassessment.Id, default))!, company, batchId, batch[3]);
    }

    /// <summary>30 scored rows of other products, over three sectors and four regions, so every report has something to compare.</summary>
    private static async Task<List<Assessment>> ScoredRowsAsync(TableAssessmentStore store, string programme)
    {
        var rows = ReportTallyTests.Spread(ContractData.Assessments(programme, 30));
        await store.AddManyAsync(rows, default);
        var scored = (await store.FindManyAsync(rows.Select(o => new ScoringRequest(o.Id, Programme: programme)).ToList(), default)).Values
            .Select((a, i) => a with { Status = AssessmentStatus.Scored, Result = ContractData.Result(30 + i * 2, "model-a") }).ToList();
        await store.ReplaceManyAsync(scored, default);
        return rows;
    }

    [Fact]
    public async Task Erasing_a_product_leaves_nothing_of_it_in_any_table_or_container_and_the_tallies_equal_a_scan()
    {
        var programme = Unique.Programme("erase");
        var store = new TableAssessmentStore(storage.Clients);
        var product = await ProductAsync(store, programme);
        var erasure = new StorageProductErasure(storage.Clients, TimeProvider.System);
        Assert.Equal([product.First.Id, product.Reassessment.Id], (await erasure.AssessmentsOfAsync(product.First.Id, default)).Select(a => a.Id));

        var record = await erasure.EraseAsync(product.First.Id, ErasureRequest.ByAdvisor("Anna Lind"), default);

        Assert.True(record.Completed);
        Assert.Equal(("Anna Lind", ErasureReasons.AdvisorRequest), (record.ErasedBy, record.Reason));
        Assert.Equal(2, record.Removed[ErasedKinds.Assessments]);
        Assert.Equal(2, record.Removed[ErasedKinds.Reviews]); // the review in force and its history row
        Assert.Equal(1, record.Removed[ErasedKinds.StageMoves]);
        Assert.Equal(1, record.Removed[ErasedKinds.Actions]);
        Assert.Equal(1, record.Removed[ErasedKinds.Submissions]);
        Assert.Equal(1, record.Removed[ErasedKinds.BatchLines]);
        Assert.Equal(1, record.Removed[ErasedKinds.PendingEntries]);

        string[] traces = [product.First.Id, product.Reassessment.Id, product.Company];
        foreach (var table in StorageNames.Tables.Where(t => t != StorageNames.ErasuresTable))
            await foreach (var row in storage.Clients.Table(table).QueryAsync<TableEntity>())
            {
                var text = string.Join("|", row.Select(p => $"{p.Key}={p.Value}"));
                Assert.False(traces.Any(t => text.Contains(t, StringComparison.Ordinal)), $"{table} still holds {text}");
            }
        var erasures = new List<TableEntity>();
        await foreach (var row in storage.Clients.Table(StorageNames.ErasuresTable).QueryAsync<TableEntity>(e => e.PartitionKey == product.First.Id)) erasures.Add(row);
        Assert.DoesNotContain(product.Company, string.Join("|", erasures.Single().Select(p => p.Value)));
        foreach (var container in StorageNames.Containers)
            await foreach (var blob in storage.Clients.Container(container).GetBlobsAsync())
            {
                Assert.False(traces.Any(t => blob.Name.Contains(t, StringComparison.Ordinal)), $"{container}/{blob.Name}");
                if (container is StorageNames.SubmissionsContainer or StorageNames.BatchesContainer)
                {
                    var content = (await storage.Clients.Container(container).GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString();
                    Assert.DoesNotContain(product.Company, content);
                }
            }
        // The batch's other rows are still found by id, through their slice's index entry.
        Assert.NotNull(await new TableAssessmentStore(storage.Clients).FindAsync(product.Neighbour.Id, default));
        await ReportTallyTests.AssertTalliesMatchScanAsync(store, programme, new Dictionary<string, IReadOnlyList<StageMove>>());

        // Replayed: the same record, and nothing written again.
        var again = await erasure.EraseAsync(product.First.Id, ErasureRequest.BySme, default);
        Assert.Equal((record.ErasedAt, record.ErasedBy, record.Removed.Count), (again.ErasedAt, again.ErasedBy, again.Removed.Count));
        Assert.Equal(record.Removed.OrderBy(p => p.Key), again.Removed.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task A_product_reassessed_and_scored_under_another_programme_leaves_both_programmes_tallies_equal_to_a_scan()
    {
        var (programme, other) = (Unique.Programme("erase-a"), Unique.Programme("erase-b"));
        var store = new TableAssessmentStore(storage.Clients);
        await ScoredRowsAsync(store, other);
        var product = await ProductAsync(store, programme, reassessedIn: other);
        // Scored there: its product's figures (on the first assessment, in the first programme) move too.
        var scored = product.Reassessment with { Status = AssessmentStatus.Scored, Result = ContractData.Result(81, "model-a") };
        Assert.Single(await store.ReplaceManyAsync([scored], default));
        Assert.Equal(2, (await store.FindAsync(product.First.Id, default))!.ProductFigures!.ScoredCount);

        var record = await new StorageProductErasure(storage.Clients, TimeProvider.System).EraseAsync(product.First.Id, ErasureRequest.BySme, default);

        Assert.Equal(2, record.Removed[ErasedKinds.Assessments]);
        await ReportTallyTests.AssertTalliesMatchScanAsync(store, programme, new Dictionary<string, IReadOnlyList<StageMove>>());
        await ReportTallyTests.AssertTalliesMatchScanAsync(store, other, new Dictionary<string, IReadOnlyList<StageMove>>());
    }

    [Fact]
    public async Task Writes_arriving_after_an_erasure_recreate_no_row()
    {
        var programme = Unique.Programme("erase-late");
        var store = new TableAssessmentStore(storage.Clients);
        var product = await ProductAsync(store, programme);
        var erasure = new StorageProductErasure(storage.Clients, TimeProvider.System);
        await erasure.EraseAsync(product.First.Id, ErasureRequest.BySme, default);

        // A scoring delivery and a re-score of rows read before the erasure; a stage move's figures.
        var scored = product.Reassessment with { Status = AssessmentStatus.Scored, Result = ContractData.Result(70, "model-b") };
        Assert.Empty(await store.ReplaceManyAsync([scored], default));
        Assert.False(await store.TryReplaceAsync(product.First with { Result = ContractData.Result(71, "model-b") }, default));
        Assert.False(await store.UpdateProductFiguresAsync(product.First.Id, (_, f) => f, default));
        Assert.Empty(await store.FindManyAsync([new ScoringRequest(product.First.Id), new ScoringRequest(product.Reassessment.Id, Programme: programme)], default));
        Assert.Empty(await erasure.AssessmentsOfAsync(product.First.Id, default));
        await ReportTallyTests.AssertTalliesMatchScanAsync(store, programme, new Dictionary<string, IReadOnlyList<StageMove>>());
    }
}
