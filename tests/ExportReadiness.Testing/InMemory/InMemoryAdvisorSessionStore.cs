using ExportReadiness.Core.Advisors;
using ExportReadiness.Core.Assessments;

namespace ExportReadiness.Testing.InMemory;

/// <summary>
/// <see cref="IAdvisorSessionStore"/> in memory, as <c>TableAdvisorSessionStore</c>: a session is an insert (starting one
/// whose id is taken fails, as the table's 409 does), active until its absolute end, gone once ended.
/// </summary>
public sealed class InMemoryAdvisorSessionStore(TimeProvider? clock = null) : IAdvisorSessionStore
{
    private const string Row = "session";
    private readonly InMemoryTable<AdvisorSession> _table = new(clock ?? TimeProvider.System);

    public Task StartAsync(AdvisorSession session, CancellationToken cancellationToken) => StorageCall.Do(cancellationToken, () =>
    {
        if (_table.TryAdd(session.Id, Row, session).Outcome != TableWrite.Written) throw new InvalidOperationException($"Session {session.Id} exists already.");
    });

    public Task<bool> IsActiveAsync(string sessionId, DateTimeOffset now, CancellationToken cancellationToken) =>
        StorageCall.Answer(cancellationToken, () => Identifiers.IsValid(sessionId) && _table.Get(sessionId, Row) is { } row && row.Value.EndsAt > now);

    public Task EndAsync(string sessionId, CancellationToken cancellationToken) => StorageCall.Do(cancellationToken, () =>
    {
        if (Identifiers.IsValid(sessionId)) _table.Delete(sessionId, Row);
    });
}
