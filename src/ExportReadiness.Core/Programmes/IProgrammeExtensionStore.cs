namespace ExportReadiness.Core.Programmes;

/// <summary>
/// Where the advisors' catalogue extension is kept (one JSON blob in production), exactly as an advisor wrote it, so
/// the next advisor reads back their wording and field order. <see cref="StoredExtension.Version"/> (the blob's ETag)
/// lets an instance skip re-reading an unchanged document.
/// </summary>
public interface IProgrammeExtensionStore
{
    /// <summary>The extension document, or null when no advisor has written one.</summary>
    Task<StoredExtension?> GetAsync(CancellationToken cancellationToken);

    /// <summary>Replaces the document whole (the last write wins); returns its new version.</summary>
    Task<string> SaveAsync(ReadOnlyMemory<byte> json, CancellationToken cancellationToken);
}

/// <summary>An extension document as stored, and the store's version of it.</summary>
public sealed record StoredExtension(ReadOnlyMemory<byte> Json, string Version);
