using System.Security.Cryptography;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Batches;
using ExportReadiness.Core.Localization;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ExportReadiness.Application.Batches;

public sealed record BatchView(
    string Id, BatchStatus Status, DateTimeOffset UploadedAt, string DefaultProgramme, long SizeBytes,
    int Rows, int Accepted, int Scored, int Rejected, IReadOnlyList<RejectedRow> Rejections, bool RejectionsTruncated, string? RejectionsCsv, string? FailureReason, bool Duplicate);

/// <summary>Advisors upload CSV files of paper questionnaires; each valid row becomes an assessment.</summary>
public sealed class BatchHandlers(
    IBatchStore batches, IBatchQueue queue, IAssessmentStore assessments, AssessmentCsv csv, TimeProvider clock, IOptions<ExportReadinessOptions> options)
{
    public const int MaxRejectionsShown = 1000;

    public FileContentHttpResult Template()
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, AssessmentCsv.FileEncoding)) writer.Write(string.Join(',', csv.Header) + "\r\n");
        return TypedResults.File(buffer.ToArray(), "text/csv; charset=utf-8", "exportreadiness-batch-template.csv");
    }

    public async Task<Results<Accepted<BatchView>, Ok<BatchView>, ValidationProblem, ProblemHttpResult>> Upload(HttpRequest request, CancellationToken cancellationToken)
    {
        var texts = ApiMessages.Of(request);
        var programme = request.Query["programme"].ToString() is { Length: > 0 } p ? p : Submission.DefaultProgramme;
        // The same rule as a web submission's programme: otherwise every row of the batch would be rejected later.
        if (!SubmissionValidator.IsValidProgramme(programme)) return Problems.Invalid("programme", Messages.ProgrammeRule, texts);
        // Kestrel stops request bodies at about 28.6 MiB by default; a batch file may be MaxBatchBytes (+ multipart framing).
        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = CsvUpload.Framed(options.Value.MaxBatchBytes);

        var (file, problem) = await CsvUpload.OpenAsync(request, options.Value.MaxBatchBytes, cancellationToken);
        if (problem is not null) return problem;

        // Spool to a temp file while hashing: a 50,000-row file never sits whole in memory.
        var spool = Path.GetTempFileName();
        try
        {
            string batchId;
            long size;
            await using (var target = new FileStream(spool, FileMode.Create, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                hash.AppendData(System.Text.Encoding.UTF8.GetBytes(programme + "\n"));
                var chunk = new byte[81920];
                int read;
                while ((read = await file!.ReadAsync(chunk, cancellationToken)) > 0)
                {
                    if (target.Length + read > options.Value.MaxBatchBytes)
                        return Problems.Status(StatusCodes.Status413PayloadTooLarge, Messages.FileTooLarge, Messages.AtMostMiB(options.Value.MaxBatchBytes / (1024 * 1024)), texts);
                    hash.AppendData(chunk, 0, read);
                    await target.WriteAsync(chunk.AsMemory(0, read), cancellationToken);
                }
                size = target.Length;
                batchId = Convert.ToHexStringLower(hash.GetHashAndReset())[..32];
            }

            using (var reader = new StreamReader(spool, AssessmentCsv.FileEncoding))
            {
                var headerProblems = csv.HeaderProblems(await reader.ReadLineAsync(cancellationToken) ?? "");
                if (headerProblems.Count > 0)
                    return Problems.Invalid(new Dictionary<string, Message[]> { ["header"] = [.. headerProblems] }, Messages.WrongColumns, texts);
            }

            if (await batches.GetAsync(batchId, cancellationToken) is { } existing)
            {
                // Still Accepted: a crash between recording the batch and sending its message may have lost the
                // message. Failed: the advisor tries again. Either way send one (ingesting is idempotent).
                if (existing.Status is BatchStatus.Accepted or BatchStatus.Failed)
                    await queue.EnqueueIngestAsync(batchId, cancellationToken);
                return TypedResults.Ok(await ViewAsync(existing, texts.Lang, cancellationToken) with { Duplicate = true });
            }

            await using (var content = File.OpenRead(spool)) await batches.SaveInputAsync(batchId, content, cancellationToken);
            var batch = new Batch { Id = batchId, DefaultProgramme = programme, UploadedAt = clock.GetUtcNow(), SizeBytes = size, ScoredCountKept = true };
            if (!await batches.TryAddAsync(batch, cancellationToken))
                return TypedResults.Ok(await ViewAsync((await batches.GetAsync(batchId, cancellationToken))!, texts.Lang, cancellationToken) with { Duplicate = true });
            await queue.EnqueueIngestAsync(batchId, cancellationToken);
            return TypedResults.Accepted($"/{Routes.Batches}/{batchId}", await ViewAsync(batch, texts.Lang, cancellationToken));
        }
        finally
        {
            File.Delete(spool);
        }
    }

    public async Task<Results<Ok<BatchView>, ProblemHttpResult>> Get(string id, HttpRequest request, CancellationToken cancellationToken)
    {
        var texts = ApiMessages.Of(request);
        return await batches.GetAsync(id, cancellationToken) is { } batch
            ? TypedResults.Ok(await ViewAsync(batch, texts.Lang, cancellationToken))
            : Problems.Status(StatusCodes.Status404NotFound, Messages.NotFound, Messages.NoSuchBatch, texts);
    }

    /// <summary>The batch with its first rejected lines, each reason in <paramref name="lang"/> (<see cref="RejectedRow.ReasonIn"/>).</summary>
    private async Task<BatchView> ViewAsync(Batch batch, string lang, CancellationToken cancellationToken)
    {
        var scored = batch.Accepted > 0 ? await ScoredAsync(batch, cancellationToken) : 0;
        var shown = new List<RejectedRow>();
        var hasRejections = batch.Status == BatchStatus.Ingested && batch.Rejected > 0;
        if (hasRejections && await batches.OpenRejectionsAsync(batch.Id, cancellationToken) is { } file)
        {
            await using (file)
                await foreach (var row in RejectionLog.ReadAsync(file, cancellationToken))
                {
                    shown.Add(row with { Reason = row.ReasonIn(lang), ReasonSv = null });
                    if (shown.Count == MaxRejectionsShown) break;
                }
        }
        return new BatchView(batch.Id, batch.Status, batch.UploadedAt, batch.DefaultProgramme, batch.SizeBytes, batch.Rows, batch.Accepted,
            scored, batch.Rejected, shown, batch.Rejected > shown.Count,
            hasRejections ? $"/{Routes.Batches}/{batch.Id}/rejected.csv" : null, batch.FailureReason, false);
    }

    /// <summary>
    /// The batch's scored rows: the count the store keeps in each partition its rows went to, a few reads however large the
    /// batch. Batches uploaded before the count was kept: a key-range count of their rows in those partitions, or (ingested
    /// before they kept their programmes) across the table.
    /// </summary>
    private async Task<int> ScoredAsync(Batch batch, CancellationToken cancellationToken)
    {
        if (batch.Programmes.Count == 0) return await assessments.CountAsync(new AssessmentQuery(Status: AssessmentStatus.Scored, BatchId: batch.Id), cancellationToken);
        var counts = await Task.WhenAll(batch.Programmes.Select(p => batch.ScoredCountKept
            ? assessments.ScoredInBatchAsync(p, batch.Id, cancellationToken)
            : assessments.CountAsync(new AssessmentQuery(Programme: p, Status: AssessmentStatus.Scored, BatchId: batch.Id), cancellationToken)));
        return counts.Sum();
    }

    /// <summary>Every rejected line as the ingest wrote it: <c>line,reason,reason_sv</c> (English, then Swedish).</summary>
    public async Task<IResult> RejectedCsv(string id, HttpRequest request, CancellationToken cancellationToken) =>
        await batches.GetAsync(id, cancellationToken) is { Status: BatchStatus.Ingested } batch
        && await batches.OpenRejectionsAsync(batch.Id, cancellationToken) is { } file
            ? TypedResults.Stream(file, "text/csv; charset=utf-8", $"batch-{batch.Id[..16]}-rejected.csv")
            : Problems.Status(StatusCodes.Status404NotFound, Messages.NotFound, Messages.NoIngestedBatch, ApiMessages.Of(request));
}
