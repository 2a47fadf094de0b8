using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Training;

namespace ExportReadiness.Testing.InMemory;

/// <summary><see cref="IModelRunStore"/> in memory, as <c>TableModelRunStore</c>: one partition whose keys (reversed ticks) list the newest run first.</summary>
public sealed class InMemoryModelRunStore(TimeProvider? clock = null) : IModelRunStore
{
    private const string Partition = "runs";
    private readonly InMemoryTable<ModelRun> _table = new(clock ?? TimeProvider.System);

    public string NewRunId(DateTimeOffset startedAt) => $"{DateTimeOffset.MaxValue.UtcTicks - startedAt.UtcTicks:D19}";

    public Task SaveAsync(ModelRun run, CancellationToken cancellationToken) => StorageCall.Do(cancellationToken, () => _table.Upsert(Partition, run.Id, run));

    public Task<ModelRun?> GetAsync(string id, CancellationToken cancellationToken) =>
        StorageCall.Answer(cancellationToken, () => Identifiers.IsValid(id) ? _table.Get(Partition, id)?.Value : null);

    public Task<(ModelRun Run, string Version)?> GetVersionedAsync(string id, CancellationToken cancellationToken) =>
        StorageCall.Answer<(ModelRun, string)?>(cancellationToken, () => Identifiers.IsValid(id) && _table.Get(Partition, id) is { } row ? (row.Value, row.ETag) : null);

    public Task<bool> TryReplaceAsync(ModelRun run, string version, CancellationToken cancellationToken) =>
        StorageCall.Answer(cancellationToken, () => _table.TryReplace(Partition, run.Id, run, version).Outcome == TableWrite.Written);

    public Task<IReadOnlyList<ModelRun>> RecentAsync(int count, CancellationToken cancellationToken) =>
        StorageCall.Answer<IReadOnlyList<ModelRun>>(cancellationToken, () => _table.Partition(Partition).Take(count).Select(r => r.Value).ToList());
}
