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
    private readonly ConcurrentQueue<string> _bodies = new();

    public StorageClients Clients(string connectionString) =>
        new(connectionString, o => { if (o is TableClientOptions) o.AddPolicy(this, HttpPipelinePosition.PerCall); });

    public IReadOnlyList<string> Paths => _requests.Select(r => r.Path).ToList();

    /// <summary>The filters of the queries of <paramref name="table"/>.</summary>
    public IReadOnlyList<string> Queries(string table) =>
        _requests.Where(r => r.Path.EndsWith($"/{table}()", StringComparison.Ordinal)).Select(r => r.Filter).ToList();

    /// <summary>What the requests sent (a transaction's whole multipart body), as text.</summary>
    public IReadOnlyList<string> Bodies => _bodies.ToList();

    public void Clear()
    {
        _requests.Clear();
        _bodies.Clear();
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        var uri = message.Request.Uri.ToUri();
        var filter = uri.Query.TrimStart('?').Split('&').FirstOrDefault(p => p.StartsWith("$filter=", StringComparison.Ordinal));
        _requests.Enqueue((Uri.UnescapeDataString(uri.AbsolutePath), Uri.UnescapeDataString(filter?["$filter=".Length..] ?? "").Replace('+', ' ')));
        if (message.Request.Content is not { } content) return;
        using var body = new MemoryStream();
        content.WriteTo(body, message.CancellationToken);
        _bodies.Enqueue(System.Text.Encoding.UTF8.GetString(body.ToArray()));
    }
}
