using System.Runtime.CompilerServices;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Reviews;

namespace ExportReadiness.Testing.InMemory;

/// <summary>
/// <see cref="IReviewStore"/> in memory, as <c>TableReviewStore</c> keeps reviews: per assessment a <c>current</c> row (its
/// ETag is the version advisors send back) and a <c>history-{ticks}</c> row per verdict, both written in one transaction.
/// </summary>
public sealed class InMemoryReviewStore(TimeProvider? clock = null) : IReviewStore
{
    private const string Current = "current";
    private const string HistoryPrefix = "history-";
    private readonly InMemoryTable<Review> _table = new(clock ?? TimeProvider.System);

    public Task<Review?> GetAsync(string assessmentId, CancellationToken cancellationToken) =>
        StorageCall.Answer(cancellationToken, () => Identifiers.IsValid(assessmentId) && _table.Get(assessmentId, Current) is { } row ? Read(row) : null);

    public Task<IReadOnlyList<Review>> HistoryAsync(string assessmentId, CancellationToken cancellationToken) =>
        StorageCall.Answer<IReadOnlyList<Review>>(cancellationToken, () => _table.Partition(assessmentId).Where(r => r.Key.StartsWith(HistoryPrefix, StringComparison.Ordinal))
            .Select(Read).OrderByDescending(r => r.ReviewedAt).ToList());

    public Task<(ReviewSaveOutcome Outcome, string? Version)> SaveAsync(Review review, string? expectedVersion, CancellationToken cancellationToken)
    {
        var stored = review with { ConcurrencyToken = null };
        return StorageCall.Answer(cancellationToken, () => _table.Atomically(() =>
        {
            // The first review is an insert; a later one replaces the version the advisor read. Either fails whole.
            var (outcome, current) = expectedVersion is null
                ? _table.TryAdd(review.AssessmentId, Current, stored)
                : _table.TryReplace(review.AssessmentId, Current, stored, expectedVersion);
            if (outcome != TableWrite.Written) return (ReviewSaveOutcome.Conflict, (string?)null);
            _table.Upsert(review.AssessmentId, $"{HistoryPrefix}{review.ReviewedAt.UtcTicks:D19}", stored);
            return (ReviewSaveOutcome.Saved, current!.ETag);
        }));
    }

    public async IAsyncEnumerable<Review> TrainingLabelsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var row in _table.All().Where(r => r.Key == Current))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return Read(row);
        }
        await Task.CompletedTask;
    }

    private static Review Read(InMemoryTable<Review>.Row row) => row.Value with { AssessmentId = row.Partition, ConcurrencyToken = row.ETag };
}
