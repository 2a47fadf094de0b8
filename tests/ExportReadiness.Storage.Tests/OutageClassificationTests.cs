using Azure;

namespace ExportReadiness.Storage.Tests;

/// <summary>What counts as storage being down (503 and Retry-After, readiness unhealthy) and what is an answer about the data.</summary>
public class OutageClassificationTests
{
    [Theory]
    [InlineData(0)]   // no answer: refused, reset, timed out
    [InlineData(403)] // an identity whose role assignment has not reached storage yet
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    public void Storage_that_does_not_answer_or_is_busy_is_unavailable(int status) =>
        Assert.True(StorageClients.IsUnavailable(new RequestFailedException(status, "storage")));

    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(412)]
    public void Storage_answering_about_the_data_is_no_outage(int status) =>
        Assert.False(StorageClients.IsUnavailable(new RequestFailedException(status, "storage")));

    [Fact]
    public void A_spent_retry_budget_is_an_outage_only_when_every_try_was()
    {
        Assert.True(StorageClients.IsUnavailable(new AggregateException(new RequestFailedException(503, "busy"), new HttpRequestException("refused"))));
        Assert.False(StorageClients.IsUnavailable(new AggregateException(new RequestFailedException(503, "busy"), new RequestFailedException(412, "changed"))));
    }
}
