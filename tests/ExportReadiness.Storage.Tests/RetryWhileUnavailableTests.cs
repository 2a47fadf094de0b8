using Azure;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExportReadiness.Storage.Tests;

public class RetryWhileUnavailableTests
{
    [Fact]
    public async Task A_start_up_step_is_retried_while_storage_refuses_and_then_runs_through()
    {
        var calls = 0;
        await StorageClients.RetryWhileUnavailableAsync(() =>
        {
            calls++;
            if (calls == 1) throw new RequestFailedException(403, "This request is not authorized to perform this operation.");
            if (calls == 2) throw new Azure.Identity.CredentialUnavailableException("No managed identity endpoint found.");
            return Task.CompletedTask;
        }, NullLogger.Instance, default, TimeSpan.FromMilliseconds(5));

        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task A_bug_is_not_retried()
    {
        var calls = 0;
        await Assert.ThrowsAsync<InvalidOperationException>(() => StorageClients.RetryWhileUnavailableAsync(() =>
        {
            calls++;
            throw new InvalidOperationException("a bug");
        }, NullLogger.Instance, default, TimeSpan.FromMilliseconds(5)));
        Assert.Equal(1, calls);
    }
}
