using ExportReadiness.Core.Assessments;

namespace ExportReadiness.LocalHost.Tests.Rescoring;

/// <summary>The real ranges, except that reading one programme's rows fails every time (its partition unreadable, say).</summary>
public sealed class FailingRanges(IAssessmentRanges inner, string failingProgramme) : IAssessmentRanges
{
    public Task<string?> NextProgrammeAsync(string? after, CancellationToken cancellationToken) => inner.NextProgrammeAsync(after, cancellationToken);

    public Task<string?> FirstIdAsync(string programme, string from, CancellationToken cancellationToken) => inner.FirstIdAsync(programme, from, cancellationToken);

    public IAsyncEnumerable<Assessment> StaleAsync(string programme, string from, string? to, string version, CancellationToken cancellationToken) =>
        programme == failingProgramme ? throw new IOException($"Programme {programme} cannot be read.") : inner.StaleAsync(programme, from, to, version, cancellationToken);
}
