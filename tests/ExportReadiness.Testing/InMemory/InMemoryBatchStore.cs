using System.Collections.Concurrent;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Batches;

namespace ExportReadiness.Testing.InMemory;

/// <summary>
/// <see cref="IBatchStore"/> in memory, as <c>StorageBatchStore</c>: a row per batch with an ETag, and its files as blobs.
/// The rejections file is written as a blob write stream writes one: created empty at once, its content there once the
/// writer flushes or closes it.
/// </summary>
public sealed class InMemoryBatchStore(TimeProvider? clock = null) : IBatchStore
{
    private const string Partition = "batch";
    private readonly InMemoryTable<Batch> _table = new(clock ?? TimeProvider.System);
    private readonly ConcurrentDictionary<string, byte[]> _blobs = new(StringComparer.Ordinal);

    public Task<Batch?> GetAsync(string batchId, CancellationToken cancellationToken) =>
        StorageCall.Answer(cancellationToken, () => Identifiers.IsValid(batchId) && _table.Get(Partition, batchId) is { } row ? Read(row) : null);

    public Task<bool> TryAddAsync(Batch batch, CancellationToken cancellationToken) =>
        StorageCall.Answer(cancellationToken, () => _table.TryAdd(Partition, batch.Id, batch with { ConcurrencyToken = null }).Outcome == TableWrite.Written);

    public Task SaveAsync(Batch batch, CancellationToken cancellationToken) =>
        StorageCall.Do(cancellationToken, () => _table.Upsert(Partition, batch.Id, batch with { ConcurrencyToken = null }));

    public Task<Batch?> TryReplaceAsync(Batch batch, CancellationToken cancellationToken) => StorageCall.Answer(cancellationToken, () =>
        _table.TryReplace(Partition, batch.Id, batch with { ConcurrencyToken = null }, batch.ConcurrencyToken) is (TableWrite.Written, { } row) ? Read(row) : null);

    public async Task SaveInputAsync(string batchId, Stream content, CancellationToken cancellationToken)
    {
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy, cancellationToken);
        await StorageCall.Do(cancellationToken, () => _blobs[InputName(batchId)] = copy.ToArray());
    }

    public Task<Stream> OpenInputAsync(string batchId, CancellationToken cancellationToken) =>
        StorageCall.Answer<Stream>(cancellationToken, () => new MemoryStream(_blobs.TryGetValue(InputName(batchId), out var input)
            ? input
            : throw new FileNotFoundException($"Batch {batchId} has no input file."), writable: false));

    public Task<Stream> CreateRejectionsAsync(string batchId, CancellationToken cancellationToken) => StorageCall.Answer<Stream>(cancellationToken, () =>
    {
        _blobs[RejectionsName(batchId)] = [];
        return new BlobWriteStream(content => _blobs[RejectionsName(batchId)] = content);
    });

    public Task<Stream?> OpenRejectionsAsync(string batchId, CancellationToken cancellationToken) =>
        StorageCall.Answer<Stream?>(cancellationToken, () => _blobs.TryGetValue(RejectionsName(batchId), out var content) ? new MemoryStream(content, writable: false) : null);

    private static string InputName(string batchId) => $"{batchId}/input.csv";

    private static string RejectionsName(string batchId) => $"{batchId}/rejected.csv";

    private static Batch Read(InMemoryTable<Batch>.Row row) => row.Value with { ConcurrencyToken = row.ETag };

    /// <summary>Commits what was written on every flush and at the close, as a blob's write stream commits its blocks.</summary>
    private sealed class BlobWriteStream(Action<byte[]> commit) : MemoryStream
    {
        public override void Flush() => commit(ToArray());

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            Flush();
            return Task.CompletedTask;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && CanRead) commit(ToArray());
            base.Dispose(disposing);
        }
    }
}
