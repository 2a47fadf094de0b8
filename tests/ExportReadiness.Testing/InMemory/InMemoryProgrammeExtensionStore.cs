using ExportReadiness.Core.Programmes;

namespace ExportReadiness.Testing.InMemory;

/// <summary><see cref="IProgrammeExtensionStore"/> in memory: one document, replaced whole, a new version (an ETag) per save.</summary>
public sealed class InMemoryProgrammeExtensionStore : IProgrammeExtensionStore
{
    private StoredExtension? _stored;

    public Task<StoredExtension?> GetAsync(CancellationToken cancellationToken) => StorageCall.Answer(cancellationToken, () => Volatile.Read(ref _stored));

    public Task<string> SaveAsync(ReadOnlyMemory<byte> json, CancellationToken cancellationToken) => StorageCall.Answer(cancellationToken, () =>
    {
        var saved = new StoredExtension(json.ToArray(), ETags.Next());
        Volatile.Write(ref _stored, saved);
        return saved.Version;
    });
}
