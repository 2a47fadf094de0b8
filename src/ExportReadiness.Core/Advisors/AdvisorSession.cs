namespace ExportReadiness.Core.Advisors;

/// <summary>
/// One advisor's signed-in session: its random id travels in the protected session cookie, the record stays
/// server-side, so signing out (deleting the record) ends every copy of the cookie at once.
/// </summary>
public sealed record AdvisorSession(string Id, string Advisor, DateTimeOffset StartedAt, DateTimeOffset EndsAt);

/// <summary>Where sessions are recorded, shared by every instance.</summary>
public interface IAdvisorSessionStore
{
    Task StartAsync(AdvisorSession session, CancellationToken cancellationToken);

    /// <summary>True while the session is recorded and its absolute end has not passed.</summary>
    Task<bool> IsActiveAsync(string sessionId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Ends the session; ending one that is already gone is no error.</summary>
    Task EndAsync(string sessionId, CancellationToken cancellationToken);
}
