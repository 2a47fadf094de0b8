using ExportReadiness.Application.Batches;
using ExportReadiness.Core.Batches;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExportReadiness.Application.Tests.Batches;

/// <summary>An advisor's batch upload and its ingest, through the real handlers.</summary>
public static class Uploads
{
    /// <summary><c>POST /api/batches</c> with a CSV body, as an advisor.</summary>
    public static async Task<IResult> UploadAsync(this ApplicationUnderTest app, string csv, string programme = "umea", string contentType = "text/csv")
    {
        var context = await app.Request(HttpMethods.Post, $"/api/batches?programme={Uri.EscapeDataString(programme)}", csv, contentType).AsAdvisorAsync();
        return (await app.Get<BatchHandlers>().Upload(context.Request, default)).Result;
    }

    /// <summary>Uploaded and accepted: the new batch's id.</summary>
    public static async Task<string> UploadedAsync(this ApplicationUnderTest app, string csv, string programme = "umea") =>
        Assert.IsType<Accepted<BatchView>>(await app.UploadAsync(csv, programme)).Value!.Id;

    /// <summary>Delivers every waiting ingest message and checks each was handled.</summary>
    public static async Task IngestWaitingAsync(this ApplicationUnderTest app)
    {
        var results = await app.Storage.BatchQueue.DeliverAsync(app.Get<IngestBatchHandler>());
        Assert.All(results, r => Assert.Null(r.Error));
    }

    /// <summary><c>GET /api/batches/{id}</c> as an advisor whose client asks for <paramref name="language"/>.</summary>
    public static async Task<BatchView> ViewAsync(this ApplicationUnderTest app, string id, string language = "en")
    {
        var context = await app.Get($"/api/batches/{id}").WithHeader("Accept-Language", language).AsAdvisorAsync();
        return Assert.IsType<Ok<BatchView>>((await app.Get<BatchHandlers>().Get(id, context.Request, default)).Result).Value!;
    }

    public static async Task<Batch> BatchAsync(this ApplicationUnderTest app, string id) =>
        await app.Storage.Batches.GetAsync(id, default) ?? throw new Xunit.Sdk.XunitException($"Batch {id} is not stored.");
}
