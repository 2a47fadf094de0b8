using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace ExportReadiness.Storage.Tests;

/// <summary>
/// What a store sent to Table Storage, as it is billed: every request's path, unescaped (<c>/account/Table()</c> is a query,
/// <c>/account/Table(PartitionKey=…)</c> a point read), with a query's <c>$filter</c>. <see cref="Clients"/> gives a store
/// clients that record into it.
/// </summary>
internal sealed class TableRequestLog : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentQueue<(string Path, string Filter)> _requests = new();

    public StorageClients Clients(string connectionString) =>
        new(connectionString, o => { if (o is TableClientOptions) o.AddPolicy(this, HttpPipelinePosition.PerCall); });

    public IReadOnlyList<string> Paths => _requests.Select(r => r.Path).ToList();

    /// <summary>The filters of the queries of <paramref name="table"/>.</summary>
    public IReadOnlyList<string> Queries(string table) =>
        _requests.Where(r => r.Path.EndsWith($"/{table}()", StringComparison.Ordinal)).Select(r => r.Filter).ToList();

    public void Clear() => _requests.Clear();

    public override void OnSendingRequest(HttpMessage message)
    {
        var uri = message.Request.Uri.ToUri();
        var filter = uri.Query.TrimStart('?').Split('&').FirstOrDefault(p => p.StartsWith("$filter=", StringComparison.Ordinal));
        _requests.Enqueue((Uri.UnescapeDataString(uri.AbsolutePath), Uri.UnescapeDataString(filter?["$filter=".Length..] ?? "").Replace('+', ' ')));
    }
}
