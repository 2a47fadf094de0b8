using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;

namespace ExportReadiness.Storage;

/// <summary>
/// The three service clients, created once and shared: the SDK clients are thread-safe and hold the HTTP
/// connection pool. Configured like the Functions host's own storage: a connection string, or (in Azure)
/// an account name and the app's managed identity, so no key needs to exist in app settings.
/// </summary>
public sealed class StorageClients
{
    /// <param name="connectionString">The storage account's connection string.</param>
    /// <param name="configure">Applied to each client's options last (a test counts the calls a read makes with a policy).</param>
    public StorageClients(string connectionString, Action<ClientOptions>? configure = null)
    {
        Blobs = new BlobServiceClient(connectionString, Configured(Bounded(new BlobClientOptions()), configure));
        Queues = new QueueServiceClient(connectionString, Configured(QueueOptions(), configure));
        Tables = new TableServiceClient(connectionString, Configured(Bounded(new TableClientOptions()), configure));
    }

    private static T Configured<T>(T options, Action<ClientOptions>? configure) where T : ClientOptions
    {
        configure?.Invoke(options);
        return options;
    }

    /// <summary>Identity-based access: <c>AzureWebJobsStorage__accountName</c> plus a token credential.</summary>
    public StorageClients(string accountName, TokenCredential credential)
    {
        Blobs = new BlobServiceClient(new Uri($"https://{accountName}.blob.core.windows.net"), credential, Bounded(new BlobClientOptions()));
        Queues = new QueueServiceClient(new Uri($"https://{accountName}.queue.core.windows.net"), credential, QueueOptions());
        Tables = new TableServiceClient(new Uri($"https://{accountName}.table.core.windows.net"), credential, Bounded(new TableClientOptions()));
    }

    /// <summary>
    /// A short retry budget (3 retries, 0.2 s doubling to at most 1 s): with storage down a request learns it in
    /// about a second and answers 503, instead of the SDK's default six tries over six seconds. Background work
    /// (queue drivers, the bootstrapper) has retry loops of its own.
    /// </summary>
    private static T Bounded<T>(T options) where T : ClientOptions
    {
        options.Retry.MaxRetries = 3;
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        return options;
    }

    /// <summary>
    /// The Functions host reads and writes queue messages as base64; the standalone worker must match. A
    /// message that is not base64 can never be handled: like the host, move it to the poison queue at once
    /// (the SDK would otherwise fail the whole receive, and the messages received with it, every time).
    /// </summary>
    private QueueClientOptions QueueOptions()
    {
        var options = Bounded(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        options.MessageDecodingFailed += MoveUndecodableToPoisonAsync;
        return options;
    }

    private async Task MoveUndecodableToPoisonAsync(QueueMessageDecodingFailedEventArgs args)
    {
        if (args.ReceivedMessage is not { } message || args.Queue.Name.EndsWith(StorageNames.PoisonSuffix, StringComparison.Ordinal)) return;
        var poison = Queue(args.Queue.Name + StorageNames.PoisonSuffix);
        // Copy before delete, and the raw text as it was sent (the poison client base64-encodes it).
        if (args.IsRunningSynchronously)
        {
            poison.SendMessage(message.Body, cancellationToken: args.CancellationToken);
            args.Queue.DeleteMessage(message.MessageId, message.PopReceipt, args.CancellationToken);
        }
        else
        {
            await poison.SendMessageAsync(message.Body, cancellationToken: args.CancellationToken);
            await args.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, args.CancellationToken);
        }
    }

    public BlobServiceClient Blobs { get; }

    public QueueServiceClient Queues { get; }

    public TableServiceClient Tables { get; }

    public BlobContainerClient Container(string name) => Blobs.GetBlobContainerClient(name);

    public QueueClient Queue(string name) => Queues.GetQueueClient(name);

    public TableClient Table(string name) => Tables.GetTableClient(name);

    /// <summary>
    /// Storage cannot be reached, or refuses us for now (network, throttling, a managed identity whose role
    /// assignment is still propagating on a new deployment): worth a retry, not a bug. Storage answering 404, 409 or
    /// 412 is not an outage: it is an answer about the data, and one that escapes its caller is a bug to see as such.
    /// </summary>
    /// <remarks>The SDK reports a retry budget spent as an <see cref="AggregateException"/> of each try's failure.</remarks>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        AggregateException { InnerExceptions.Count: > 0 } tries => tries.InnerExceptions.All(IsUnavailable),
        RequestFailedException failed => IsOutageStatus(failed.Status),
        _ => exception is HttpRequestException or Azure.Identity.AuthenticationFailedException,
    };

    /// <summary>
    /// 0: no answer at all (refused, reset, timed out); 408, 429 and 5xx: busy or down; 401 and 403: an identity the
    /// account does not accept yet (a new role assignment takes minutes to reach storage).
    /// </summary>
    private static bool IsOutageStatus(int status) => status is 0 or 401 or 403 or 408 or 429 or >= 500;

    /// <summary>
    /// Runs a start-up step until storage lets it through, waiting 2 s, 4 s, … up to a minute between tries,
    /// so that a background service does not stop the whole process on a storage hiccup at start.
    /// </summary>
    public static async Task RetryWhileUnavailableAsync(Func<Task> step, ILogger logger, CancellationToken cancellationToken, TimeSpan? firstDelay = null)
    {
        var delay = firstDelay ?? TimeSpan.FromSeconds(2);
        while (true)
        {
            try
            {
                await step();
                return;
            }
            catch (Exception e) when (IsUnavailable(e) && !cancellationToken.IsCancellationRequested)
            {
                StorageLog.Unavailable(logger, delay, e);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMinutes(1).Ticks));
            }
        }
    }

    /// <summary>Creates every container, queue and table the app uses; cheap when they exist.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(
            StorageNames.Containers.Select(c => (Task)Container(c).CreateIfNotExistsAsync(cancellationToken: cancellationToken))
                .Concat(StorageNames.Queues.Select(q => (Task)Queue(q).CreateIfNotExistsAsync(cancellationToken: cancellationToken)))
                .Concat(StorageNames.Tables.Select(t => (Task)Table(t).CreateIfNotExistsAsync(cancellationToken))));
    }
}

internal static partial class StorageLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage is not available yet; trying again in {Delay}")]
    public static partial void Unavailable(ILogger logger, TimeSpan delay, Exception exception);
}
