using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using ExportReadiness.Core.Training;

namespace ExportReadiness.Storage.Training;

/// <summary>
/// A lock as a lease on an empty blob: one holder across every instance. The lease is short (60 s) and
/// renewed while held, so a crashed holder frees it within a minute.
/// </summary>
public sealed class BlobLeaseLock(StorageClients clients) : IDistributedLock
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(20);
    private readonly BlobContainerClient _container = clients.Container(StorageNames.LocksContainer);

    public async Task<IAsyncDisposable?> TryAcquireAsync(string name, CancellationToken cancellationToken)
    {
        var blob = _container.GetBlobClient(name);
        try
        {
            await blob.UploadAsync(BinaryData.Empty, overwrite: false, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Exists already (possibly leased): fine, the lease below decides.
        }
        var lease = blob.GetBlobLeaseClient();
        try
        {
            await lease.AcquireAsync(LeaseDuration, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }
        return new Held(lease);
    }

    private sealed class Held : IAsyncDisposable
    {
        private readonly BlobLeaseClient _lease;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _renewal;

        public Held(BlobLeaseClient lease)
        {
            _lease = lease;
            _renewal = RenewAsync();
        }

        private async Task RenewAsync()
        {
            try
            {
                while (true)
                {
                    await Task.Delay(RenewEvery, _stop.Token);
                    await _lease.RenewAsync(cancellationToken: _stop.Token);
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (RequestFailedException)
            {
                // Lost the lease (storage hiccup longer than its duration); the holder finds out at release.
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _renewal;
            try
            {
                await _lease.ReleaseAsync();
            }
            catch (RequestFailedException)
            {
            }
            _stop.Dispose();
        }
    }
}
