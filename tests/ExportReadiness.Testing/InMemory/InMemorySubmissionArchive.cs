using System.Collections.Concurrent;
using ExportReadiness.Core.Assessments;

namespace ExportReadiness.Testing.InMemory;

/// <summary><see cref="ISubmissionArchive"/> in memory: write-once like the blob (If-None-Match: *), a retry keeps the first bytes.</summary>
public sealed class InMemorySubmissionArchive : ISubmissionArchive
{
    private readonly ConcurrentDictionary<string, byte[]> _blobs = new(StringComparer.Ordinal);

    public Task SaveAsync(string assessmentId, ReadOnlyMemory<byte> rawJson, CancellationToken cancellationToken) =>
        StorageCall.Do(cancellationToken, () => _blobs.TryAdd(assessmentId, rawJson.ToArray()));

    public Task<ReadOnlyMemory<byte>?> GetAsync(string assessmentId, CancellationToken cancellationToken) =>
        StorageCall.Answer(cancellationToken, () => _blobs.TryGetValue(assessmentId, out var raw) ? (ReadOnlyMemory<byte>?)raw.ToArray() : null);
}
