using System.Collections.Concurrent;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Testing.Faults;

namespace ExportReadiness.LocalHost.Tests.Rescoring;

/// <summary>The real store, counting how often each assessment was written by a replace.</summary>
public sealed class CountingAssessmentStore(IAssessmentStore inner) : DelegatingAssessmentStore(inner)
{
    public ConcurrentDictionary<string, int> Writes { get; } = new(StringComparer.Ordinal);

    public override async Task<IReadOnlySet<string>> ReplaceManyAsync(IReadOnlyList<Assessment> assessments, CancellationToken cancellationToken)
    {
        var written = await base.ReplaceManyAsync(assessments, cancellationToken);
        foreach (var id in written) Writes.AddOrUpdate(id, 1, (_, n) => n + 1);
        return written;
    }
}
