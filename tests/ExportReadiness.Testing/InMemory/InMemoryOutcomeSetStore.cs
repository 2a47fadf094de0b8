using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Training;

namespace ExportReadiness.Testing.InMemory;

/// <summary>
/// <see cref="IOutcomeSetStore"/> in memory, as <c>StorageOutcomeSetStore</c>: one set per id (the first kept stands), listed
/// newest first, its rows keyed <c>{setId}:{n}</c> as they come back from the stored file.
/// </summary>
public sealed class InMemoryOutcomeSetStore : IOutcomeSetStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (OutcomeSet Set, LabelledAssessment[] Rows)> _sets = new(StringComparer.Ordinal);

    public Task<(OutcomeSet Set, bool Created)> AddAsync(OutcomeSet set, IReadOnlyList<LabelledAssessment> rows, CancellationToken cancellationToken) =>
        StorageCall.Answer(cancellationToken, () =>
        {
            lock (_gate)
            {
                if (_sets.TryGetValue(set.Id, out var kept)) return (kept.Set, false);
                _sets[set.Id] = (set, [.. rows.Select((r, i) => r with { Key = $"{set.Id}:{i + 1}" })]);
                return (set, true);
            }
        });

    public Task<IReadOnlyList<OutcomeSet>> ListAsync(CancellationToken cancellationToken) =>
        StorageCall.Answer<IReadOnlyList<OutcomeSet>>(cancellationToken, () =>
        {
            lock (_gate) return [.. _sets.Values.Select(s => s.Set).OrderByDescending(s => s.UploadedAt).ThenBy(s => s.Id, StringComparer.Ordinal)];
        });

    public Task<OutcomeSet?> GetAsync(string id, CancellationToken cancellationToken) =>
        StorageCall.Answer(cancellationToken, () =>
        {
            lock (_gate) return Identifiers.IsValid(id) && _sets.TryGetValue(id, out var kept) ? kept.Set : null;
        });

    public Task<bool> RemoveAsync(string id, CancellationToken cancellationToken) =>
        StorageCall.Answer(cancellationToken, () =>
        {
            lock (_gate) return _sets.Remove(id);
        });

    public Task<IReadOnlyList<LabelledAssessment>> RowsAsync(string id, CancellationToken cancellationToken) =>
        StorageCall.Answer<IReadOnlyList<LabelledAssessment>>(cancellationToken, () =>
        {
            lock (_gate) return _sets.TryGetValue(id, out var kept) ? kept.Rows : throw new FileNotFoundException($"Outcome set {id} has no rows.");
        });
}
