using Azure;
using Azure.Data.Tables;
using ExportReadiness.Core.Reviews;

namespace ExportReadiness.Storage.Reviews;

/// <summary>
/// Reviews table: PartitionKey = assessment id; RowKey <c>current</c> is the verdict in force (its ETag is
/// the version advisors send in If-Match), <c>history-{ticks}</c> rows keep every verdict ever given. Both
/// are written in one transaction, so history and current never disagree. The current row is marked
/// <c>TrainingLabel</c>: retraining reads those rows, not the copy on the assessment.
/// </summary>
public sealed class TableReviewStore(StorageClients clients) : IReviewStore
{
    private const string Current = "current";
    private const string HistoryPrefix = "history-";
    private readonly TableClient _table = clients.Table(StorageNames.ReviewsTable);

    public async Task<Review?> GetAsync(string assessmentId, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsValid(assessmentId)) return null;
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(assessmentId, Current, cancellationToken: cancellationToken);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    public async Task<IReadOnlyList<Review>> HistoryAsync(string assessmentId, CancellationToken cancellationToken)
    {
        var history = new List<Review>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {assessmentId} and RowKey ge {HistoryPrefix} and RowKey lt {HistoryPrefix + "~"}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            history.Add(FromEntity(row));
        return history.OrderByDescending(r => r.ReviewedAt).ToList();
    }

    public async Task<(ReviewSaveOutcome Outcome, string? Version)> SaveAsync(Review review, string? expectedVersion, CancellationToken cancellationToken)
    {
        var current = ToEntity(review, Current);
        var history = ToEntity(review, $"{HistoryPrefix}{review.ReviewedAt.UtcTicks:D19}");
        var actions = new List<TableTransactionAction>
        {
            expectedVersion is null
                ? new TableTransactionAction(TableTransactionActionType.Add, current)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, current, new ETag(expectedVersion)),
            new(TableTransactionActionType.UpsertReplace, history),
        };
        try
        {
            var response = await _table.SubmitTransactionAsync(actions, cancellationToken);
            return (ReviewSaveOutcome.Saved, response.Value[0].Headers.ETag?.ToString());
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412 or 404)
        {
            return (ReviewSaveOutcome.Conflict, null);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
        {
            return (ReviewSaveOutcome.Conflict, null);
        }
    }

    public async IAsyncEnumerable<Review> TrainingLabelsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"TrainingLabel eq {true}"), 1000, cancellationToken: cancellationToken))
            yield return FromEntity(row);
    }

    private static TableEntity ToEntity(Review r, string rowKey) => new(r.AssessmentId, rowKey)
    {
        ["Verdict"] = r.Verdict.ToString(),
        ["Note"] = r.Note,
        ["MessageToSme"] = r.MessageToSme,
        ["Advisor"] = r.Advisor,
        ["ReviewedAt"] = r.ReviewedAt,
        ["PreviousVerdict"] = r.PreviousVerdict?.ToString(),
        ["TrainingLabel"] = rowKey == Current,
    };

    private static Review FromEntity(TableEntity e) => new(
        e.PartitionKey,
        Enum.Parse<Verdict>(e.GetString("Verdict") ?? nameof(Verdict.NotYet)),
        e.GetString("Note") ?? "",
        e.GetString("Advisor") ?? "",
        e.GetDateTimeOffset("ReviewedAt") ?? DateTimeOffset.MinValue,
        Enum.TryParse<Verdict>(e.GetString("PreviousVerdict"), out var previous) ? previous : null,
        e.ETag.ToString())
    {
        // Rows written before messages to the SME existed have no such column: they said nothing to the SME.
        MessageToSme = e.GetString("MessageToSme") ?? "",
    };
}
