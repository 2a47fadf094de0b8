using Azure.Data.Tables;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Scoring;
using ExportReadiness.Storage.Assessments;
using ExportReadiness.Testing;
using ExportReadiness.Testing.Contracts;

namespace ExportReadiness.Storage.Tests;

/// <summary>
/// Scoring writes a Pending row's outcome without sending its answers back, and every row ends as a replace by the
/// mapper would have left it: the columns a row loses (a failure reason, a dimension the model no longer scores) go.
/// Checked on the wire and in the stored rows.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class ScoredRowWriteTests(StorageFixture storage)
{
    [Fact]
    public async Task Scoring_pending_rows_sends_their_outcome_not_their_answers_and_stores_the_rows_a_replace_would()
    {
        var requests = new TableRequestLog();
        var store = new TableAssessmentStore(requests.Clients(storage.ConnectionString));
        var programme = Unique.Programme("outcome-merge");
        var rows = ContractData.Assessments(programme, 3);
        await store.AddManyAsync(rows, default);
        var read = new List<Assessment>();
        foreach (var row in rows) read.Add((await store.FindAsync(row.Id, default))!);
        List<Assessment> outcomes =
        [
            read[0] with { Status = AssessmentStatus.Scored, Result = Explained(ContractData.Result(72, "model-a")) },
            read[1] with { Status = AssessmentStatus.Scored, Result = ContractData.Result(41, "model-a") },
            read[2] with { Status = AssessmentStatus.Failed, FailureReason = "The questionnaire's layout is unknown." },
        ];
        requests.Clear();

        var written = await store.ReplaceManyAsync(outcomes, default);

        Assert.Equal(rows.Select(r => r.Id).Order(), written.Order());
        var bodies = requests.Bodies;
        Assert.Contains(bodies, b => b.Contains("ReadinessScore", StringComparison.Ordinal));
        Assert.DoesNotContain(bodies, b => b.Contains("AnswersJson", StringComparison.Ordinal));
        foreach (var outcome in outcomes) await AssertStoredAsReplacedAsync(outcome);
        var found = (await store.FindAsync(rows[0].Id, default))!;
        Assert.Equal(rows[0].Answers.OrderBy(a => a.Key), found.Answers.OrderBy(a => a.Key));
        Assert.Equal(outcomes[0].Result!.Explanation!.Questions.Count, found.Result!.Explanation!.Questions.Count);
    }

    [Fact]
    public async Task A_failed_row_scored_later_loses_its_failure_reason_and_a_rescored_row_the_dimensions_no_longer_scored()
    {
        var store = new TableAssessmentStore(storage.Clients);
        var programme = Unique.Programme("outcome-replace");
        var rows = ContractData.Assessments(programme, 2);
        await store.AddManyAsync(rows, default);
        await store.ReplaceManyAsync(
        [
            (await store.FindAsync(rows[0].Id, default))! with { Status = AssessmentStatus.Failed, FailureReason = "Scoring timed out." },
            (await store.FindAsync(rows[1].Id, default))! with { Status = AssessmentStatus.Scored, Result = Explained(ContractData.Result(55, "model-a")) },
        ], default);
        var modelB = ContractData.Result(61, "model-b");
        List<Assessment> later =
        [
            (await store.FindAsync(rows[0].Id, default))! with { Status = AssessmentStatus.Scored, FailureReason = null, Result = ContractData.Result(48, "model-b") },
            (await store.FindAsync(rows[1].Id, default))! with { Result = modelB with { Dimensions = [modelB.Dimensions[0]] } },
        ];

        await store.ReplaceManyAsync(later, default);

        foreach (var row in later) await AssertStoredAsReplacedAsync(row);
        var failedThenScored = await RawAsync(rows[0]);
        Assert.False(failedThenScored.ContainsKey("FailureReason"));
        var rescored = await RawAsync(rows[1]);
        Assert.False(rescored.ContainsKey(AssessmentEntityMapper.DimensionPrefix + "management"));
        Assert.False(rescored.ContainsKey("ExplanationJson"));
    }

    [Fact]
    public async Task A_pending_row_replaced_with_other_answers_keeps_the_new_answers()
    {
        var store = new TableAssessmentStore(storage.Clients);
        var row = ContractData.Assessments(Unique.Programme("answers-replace"), 1)[0];
        await store.AddAsync(row, default);
        var question = row.Answers.First(a => a.Value.Choice is not null).Key;
        var changed = (await store.FindAsync(row.Id, default))! with
        {
            Answers = new Dictionary<string, Core.Questionnaire.Answer>(row.Answers) { [question] = Core.Questionnaire.Answer.Of("another-option") },
        };

        Assert.True(await store.TryReplaceAsync(changed, default));

        Assert.Equal("another-option", (await store.FindAsync(row.Id, default))!.Answers[question].Choice);
        await AssertStoredAsReplacedAsync(changed);
    }

    /// <summary>A result with an explanation, as the scorer writes one.</summary>
    private static ScoringResult Explained(ScoringResult result) => result with
    {
        Explanation = new ScoreExplanation(30, [new Contribution("market", 42, 12.5)], [new Contribution("market-fairs", 42, 12.5)]),
    };

    /// <summary>Every column the stored row has, with its value, is the mapper's for <paramref name="expected"/>, and no more.</summary>
    private async Task AssertStoredAsReplacedAsync(Assessment expected)
    {
        var stored = await RawAsync(expected);
        var mapped = AssessmentEntityMapper.ToEntity(expected with { ConcurrencyToken = null });
        string[] service = ["odata.etag", "Timestamp"];
        Assert.Equal(mapped.Where(p => p.Value is not null).Select(p => p.Key).Order(), stored.Keys.Except(service).Order());
        foreach (var (key, value) in mapped.Where(p => p.Value is not null))
            Assert.Equal(Comparable(value), Comparable(stored[key]));
    }

    private async Task<TableEntity> RawAsync(Assessment row) =>
        (await storage.Clients.Table(StorageNames.AssessmentsTable).GetEntityAsync<TableEntity>(row.Programme, row.Id)).Value;

    private static object? Comparable(object? value) => value switch
    {
        DateTimeOffset d => d.UtcDateTime,
        DateTime d => d.ToUniversalTime(),
        long l => (double)l,
        int i => (double)i,
        _ => value,
    };
}
