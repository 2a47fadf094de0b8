using Azure.Data.Tables;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Batches;

namespace ExportReadiness.Storage.Assessments;

/// <summary>
/// An <see cref="AssessmentQuery"/> as a Table Storage filter over the Assessments table: its partition when it names a
/// programme, always above the partition's hidden tally rows, and a batch's own key range when it names a batch.
/// </summary>
internal static class AssessmentQueryFilter
{
    public static string Of(AssessmentQuery q)
    {
        var parts = new List<string>();
        if (q.Programme is not null) parts.Add(TableClient.CreateQueryFilter($"PartitionKey eq {q.Programme}"));
        // The partition's hidden rows (its report tallies) sort after every assessment id.
        parts.Add(TableClient.CreateQueryFilter($"RowKey lt {TallyShards.HiddenPrefix}"));
        if (q.Level is { } level) parts.Add(TableClient.CreateQueryFilter($"Level eq {level.ToString()}"));
        if (q.Sector is not null) parts.Add(TableClient.CreateQueryFilter($"Sector eq {q.Sector}"));
        if (q.Region is not null) parts.Add(TableClient.CreateQueryFilter($"Region eq {q.Region}"));
        if (q.Status is { } status) parts.Add(TableClient.CreateQueryFilter($"Status eq {status.ToString()}"));
        if (q.Verdict is { } verdict) parts.Add(TableClient.CreateQueryFilter($"ReviewVerdict eq {verdict.ToString()}"));
        if (q.NotScoredBy is not null) parts.Add(TableClient.CreateQueryFilter($"ModelVersion ne {q.NotScoredBy}"));
        if (q.BatchId is not null)
        {
            parts.Add(TableClient.CreateQueryFilter($"BatchId eq {q.BatchId}"));
            // A batch's rows are its prefix and a line number: within a partition, one key range rather than the partition.
            if (q.BatchId.Length >= BatchAssessmentIds.PrefixLength && q.BatchId[..BatchAssessmentIds.PrefixLength] is var prefix)
                parts.Add(TableClient.CreateQueryFilter($"RowKey ge {prefix} and RowKey lt {prefix + BatchAssessmentIds.AfterLineDigits}"));
        }
        if (q.SubmittedFrom is { } from) parts.Add(TableClient.CreateQueryFilter($"SubmittedAt ge {from}"));
        return string.Join(" and ", parts);
    }
}
