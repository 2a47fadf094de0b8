using ExportReadiness.Application.Access;
using ExportReadiness.Application.Batches;

namespace ExportReadiness.FunctionApp.Functions;

/// <summary>Advisors upload batch files of questionnaires and follow their ingest.</summary>
[Authorize(Policy = AdvisorAuthentication.Policy)]
public sealed class BatchFunctions(BatchHandlers batches)
{
    [Function(nameof(BatchTemplate))]
    public IResult BatchTemplate([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.BatchTemplate)] HttpRequest request) => batches.Template();

    [Function(nameof(UploadBatch))]
    public async Task<IResult> UploadBatch([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Batches)] HttpRequest request, CancellationToken cancellationToken) =>
        await batches.Upload(request, cancellationToken);

    [Function(nameof(GetBatch))]
    public async Task<IResult> GetBatch([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Batch)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        await batches.Get(id, request, cancellationToken);

    [Function(nameof(BatchRejections))]
    public Task<IResult> BatchRejections([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.BatchRejections)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        batches.RejectedCsv(id, request, cancellationToken);
}
