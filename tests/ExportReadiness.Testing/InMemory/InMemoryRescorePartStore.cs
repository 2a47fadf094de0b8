using ExportReadiness.Core.Training;

namespace ExportReadiness.Testing.InMemory;

/// <summary><see cref="IRescorePartStore"/> in memory, as <c>TableRescorePartStore</c>: a partition per run, inserts that never overwrite, replaces conditional on the ETag.</summary>
public sealed class InMemoryRescorePartStore(TimeProvider? clock = null) : IRescorePartStore
{
    private readonly InMemoryTable<RescorePart> _table = new(clock ?? TimeProvider.System);

    public Task AddAsync(IReadOnlyList<RescorePart> parts, CancellationToken cancellationToken) => StorageCall.Do(cancellationToken, () =>
    {
        foreach (var part in parts) _table.TryAdd(part.RunId, part.Id, Stored(part));
    });

    public Task<RescorePart?> GetAsync(string runId, string partId, CancellationToken cancellationToken) =>
        StorageCall.Answer(cancellationToken, () => _table.Get(runId, partId) is { } row ? Read(row) : null);

    public Task<RescorePart?> TryReplaceAsync(RescorePart part, CancellationToken cancellationToken) =>
        StorageCall.Answer(cancellationToken, () => _table.TryReplace(part.RunId, part.Id, Stored(part), part.ConcurrencyToken) is (TableWrite.Written, { } row) ? Read(row) : null);

    public Task<IReadOnlyList<RescorePart>> ListAsync(string runId, CancellationToken cancellationToken) =>
        StorageCall.Answer<IReadOnlyList<RescorePart>>(cancellationToken, () => _table.Partition(runId).Select(Read).ToList());

    private static RescorePart Stored(RescorePart part) => part with { ConcurrencyToken = null, WrittenAt = null };

    private static RescorePart Read(InMemoryTable<RescorePart>.Row row) => row.Value with { ConcurrencyToken = row.ETag, WrittenAt = row.Timestamp };
}
