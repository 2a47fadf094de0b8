using ExportReadiness.Core.Advisors;
using Xunit;
using static ExportReadiness.Testing.Contracts.ContractData;

namespace ExportReadiness.Testing.Contracts;

/// <summary>What every <see cref="IAdvisorSessionStore"/> does: a session counts until its absolute end or its sign-out.</summary>
public abstract class AdvisorSessionStoreContract
{
    protected abstract IAdvisorSessionStore Store { get; }

    [Fact]
    public async Task A_session_is_active_until_its_end_and_not_once_ended()
    {
        var session = new AdvisorSession(Unique.Programme("session"), "Anna Lind", Monday, Monday.AddHours(8));
        await Store.StartAsync(session, default);

        Assert.True(await Store.IsActiveAsync(session.Id, Monday.AddHours(8).AddMilliseconds(-1), default));
        Assert.False(await Store.IsActiveAsync(session.Id, Monday.AddHours(8), default));

        await Store.EndAsync(session.Id, default);
        Assert.False(await Store.IsActiveAsync(session.Id, Monday.AddHours(1), default));
    }

    [Fact]
    public async Task Ending_a_session_that_is_gone_is_no_error_and_unknown_sessions_are_inactive()
    {
        var id = Unique.Programme("session");

        await Store.EndAsync(id, default);
        await Store.EndAsync("not/a#key", default);

        Assert.False(await Store.IsActiveAsync(id, Monday, default));
        Assert.False(await Store.IsActiveAsync("not/a#key", Monday, default));
    }
}
