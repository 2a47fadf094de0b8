using Azure.Data.Tables;
using ExportReadiness.Core.Advisors;

namespace ExportReadiness.Storage.Advisors;

/// <summary>
/// AdvisorSessions table: PartitionKey = session id (a point read per cookie-authenticated request), one row
/// per session. Signing out deletes the row; a row whose <c>EndsAt</c> has passed no longer counts.
/// </summary>
public sealed class TableAdvisorSessionStore(StorageClients clients) : IAdvisorSessionStore
{
    private const string Row = "session";
    private readonly TableClient _table = clients.Table(StorageNames.AdvisorSessionsTable);

    public Task StartAsync(AdvisorSession session, CancellationToken cancellationToken) =>
        _table.AddEntityAsync(new TableEntity(session.Id, Row)
        {
            ["Advisor"] = session.Advisor,
            ["StartedAt"] = session.StartedAt,
            ["EndsAt"] = session.EndsAt,
        }, cancellationToken);

    public async Task<bool> IsActiveAsync(string sessionId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsValid(sessionId)) return false;
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(sessionId, Row, ["EndsAt"], cancellationToken);
        return row.HasValue && row.Value!.GetDateTimeOffset("EndsAt") is { } endsAt && endsAt > now;
    }

    public async Task EndAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsValid(sessionId)) return;
        try
        {
            await _table.DeleteEntityAsync(sessionId, Row, cancellationToken: cancellationToken);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            // Ended already (another tab signed out): nothing left to do.
        }
    }
}
