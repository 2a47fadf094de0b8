using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace ExportReadiness.Storage;

/// <summary>
/// The three service clients, created once from one connection string and shared: the SDK clients are
/// thread-safe and hold the HTTP connection pool.
/// </summary>
public sealed class StorageClients(string connectionString)
{
    public BlobServiceClient Blobs { get; } = new(connectionString);

    // The Functions host reads and writes queue messages as base64; the standalone worker must match.
    public QueueServiceClient Queues { get; } = new(connectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    public TableServiceClient Tables { get; } = new(connectionString);

    public BlobContainerClient Container(string name) => Blobs.GetBlobContainerClient(name);

    public QueueClient Queue(string name) => Queues.GetQueueClient(name);

    public TableClient Table(string name) => Tables.GetTableClient(name);

    /// <summary>Creates every container, queue and table the app uses; cheap when they exist.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(
            StorageNames.Containers.Select(c => (Task)Container(c).CreateIfNotExistsAsync(cancellationToken: cancellationToken))
                .Concat(StorageNames.Queues.Select(q => (Task)Queue(q).CreateIfNotExistsAsync(cancellationToken: cancellationToken)))
                .Concat(StorageNames.Tables.Select(t => (Task)Table(t).CreateIfNotExistsAsync(cancellationToken))));
    }
}
