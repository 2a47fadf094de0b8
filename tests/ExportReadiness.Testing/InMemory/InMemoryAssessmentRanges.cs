using System.Runtime.CompilerServices;
using ExportReadiness.Core.Assessments;

namespace ExportReadiness.Testing.InMemory;

/// <summary>
/// <see cref="IAssessmentRanges"/> over an <see cref="InMemoryAssessmentStore"/>, in its key order (programme, then id,
/// ordinal). It reads the rows to answer, which memory affords; the adapter seeks keys.
/// </summary>
public sealed class InMemoryAssessmentRanges(InMemoryAssessmentStore store) : IAssessmentRanges
{
    public async Task<string?> NextProgrammeAsync(string? after, CancellationToken cancellationToken)
    {
        await foreach (var a in store.ScanAsync(new AssessmentQuery(), cancellationToken))
            if (after is null || string.CompareOrdinal(a.Programme, after) > 0) return a.Programme;
        return null;
    }

    public async Task<string?> FirstIdAsync(string programme, string from, CancellationToken cancellationToken)
    {
        await foreach (var a in store.ScanAsync(new AssessmentQuery(Programme: programme), cancellationToken))
            if (string.CompareOrdinal(a.Id, from) >= 0) return a.Id;
        return null;
    }

    public async IAsyncEnumerable<Assessment> StaleAsync(string programme, string from, string? to, string version,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var a in store.ScanAsync(new AssessmentQuery(Programme: programme, Status: AssessmentStatus.Scored, NotScoredBy: version), cancellationToken))
            if (string.CompareOrdinal(a.Id, from) >= 0 && (to is null || string.CompareOrdinal(a.Id, to) < 0)) yield return a;
    }
}
