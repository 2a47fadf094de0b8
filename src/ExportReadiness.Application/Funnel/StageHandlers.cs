using System.Globalization;
using System.Text.Json;
using ExportReadiness.Application.Assessments;
using ExportReadiness.Application.Privacy;
using ExportReadiness.Core.Privacy;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Batches;
using ExportReadiness.Core.Funnel;
using ExportReadiness.Core.Localization;
using ExportReadiness.Application.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ExportReadiness.Application.Funnel;

/// <summary>
/// Advisors move a product through the funnel's stages, and read the funnel by programme and cohort, as JSON and CSV.
/// A move records the signed-in advisor, never a name typed in; its note is internal and never logged.
/// </summary>
public sealed class StageHandlers(IAssessmentStore store, IStageMoveStore moves, FunnelReader funnel, FunnelExport export, TimeProvider clock, IOptions<ExportReadinessOptions> options, ProductAccessLog accessLog,
    Privacy.ErasureGuard erasures)
{
    public const int MaxNoteLength = 2000;

    /// <summary>Moves dated before this are typing mistakes: PEGIN itself began in 2007.</summary>
    public static readonly DateOnly EarliestMoveDate = new(2000, 1, 1);

    /// <summary>201 with the product's stages when the move is new; 200 with them when the same stage and date were recorded before (a retry).</summary>
    public async Task<Results<Created<ProductStageView>, Ok<ProductStageView>, ValidationProblem, ProblemHttpResult>> Move(
        string productId, HttpContext context, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBodyReader.ReadAsync(context.Request, options.Value.MaxRequestBodyBytes, cancellationToken);
        if (problem is not null) return problem;
        var texts = ApiMessages.Of(context.Request);
        var (stage, date, note, errors) = ReadBody(body!.Root, texts);
        if (errors.Count > 0) return Problems.Invalid(errors, Messages.InvalidStageMove, texts);
        // The authorization policy has signed the advisor in; an unnamed principal cannot move a product.
        if (context.User.Identity?.Name is not { Length: > 0 } advisor)
            return Problems.Status(StatusCodes.Status401Unauthorized, Messages.SignInToMoveStage, null, texts);

        var history = await store.ProductHistoryAsync(productId, null, cancellationToken);
        if (history.Count == 0) return Problems.Status(StatusCodes.Status404NotFound, Messages.NotFound, Messages.NoSuchProduct, texts);
        await accessLog.ProductAsync(context, history[0].ProductId, AccessKind.Change, cancellationToken);
        var added = await moves.AddAsync(new StageMove(productId, stage!, date!.Value, note, advisor, clock.GetUtcNow()), cancellationToken);
        if (await erasures.UndoIfErasedAsync(history[0].ProductId, CancellationToken.None))
            return Problems.Status(StatusCodes.Status404NotFound, Messages.NotFound, Messages.NoSuchProduct, texts);
        // Also when the move was there already: a retry after the figures failed to follow puts them right.
        await funnel.RecordMovesAsync(history[0].ProductId, cancellationToken);
        var view = await funnel.ViewAsync(history, cancellationToken);
        return added ? TypedResults.Created($"/{Routes.Product.Replace("{productId}", Uri.EscapeDataString(productId))}", view) : TypedResults.Ok(view);
    }

    public async Task<Results<Ok<FunnelReport>, ValidationProblem>> Report(HttpRequest request, CancellationToken cancellationToken)
    {
        var texts = ApiMessages.Of(request);
        var (query, cohort, errors) = ParseFilter(request.Query);
        if (errors.Count > 0) return Problems.Invalid(errors, Messages.InvalidReportFilters, texts);
        return TypedResults.Ok(await funnel.ReportAsync(query, cohort, cancellationToken));
    }

    public async Task<IResult> Csv(HttpContext context, CancellationToken cancellationToken)
    {
        var texts = ApiMessages.Of(context.Request);
        var (query, cohort, errors) = ParseFilter(context.Request.Query);
        if (errors.Count > 0) return Problems.Invalid(errors, Messages.InvalidExportFilters, texts);
        await accessLog.EveryProductAsync(context, AccessKind.Export, cancellationToken);
        // Streamed product by product: the first row waits for one page of the scan, not for every product and move.
        await using var writer = CsvDownload.Start(context,
            $"funnel-{query.Programme ?? "all"}{(cohort is { } year ? "-" + year.ToString(CultureInfo.InvariantCulture) : "")}.csv");
        await FunnelCsv.WriteAsync(writer, funnel.Stages, export.ProductsAsync(query, cohort, cancellationToken), cancellationToken);
        await writer.FlushAsync(cancellationToken);
        return TypedResults.Empty;
    }

    /// <summary>The list's filters plus <c>cohort</c>, an intake year.</summary>
    public static (AssessmentQuery Query, int? Cohort, Dictionary<string, Message[]> Errors) ParseFilter(IQueryCollection q)
    {
        var (query, errors) = AssessmentFilter.Parse(q);
        int? cohort = null;
        var text = q["cohort"].ToString();
        if (text.Length > 0)
        {
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year >= EarliestMoveDate.Year && year <= 2100) cohort = year;
            else errors["cohort"] = [Messages.WholeNumberBetween(EarliestMoveDate.Year, 2100)];
        }
        return (query, cohort, errors);
    }

    private (string? Stage, DateOnly? Date, string Note, Dictionary<string, string[]> Errors) ReadBody(JsonElement root, IMessageTexts texts)
    {
        var errors = new Dictionary<string, string[]>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors["$"] = [texts.Text(Messages.BodyMustBeObject)];
            return (null, null, "", errors);
        }
        string? stage = null;
        if (root.TryGetProperty("stage", out var s) && s.ValueKind == JsonValueKind.String && funnel.Stages.IsConfigured(s.GetString()!)) stage = s.GetString();
        else errors["stage"] = [texts.Text(Messages.UseOneOf(funnel.Stages.Ids))];

        DateOnly? date = null;
        if (!root.TryGetProperty("date", out var d) || d.ValueKind != JsonValueKind.String
            || !DateOnly.TryParseExact(d.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            errors["date"] = [texts.Text(Messages.UseDate)];
        else if (parsed < EarliestMoveDate || parsed > funnel.LatestMoveDate) errors["date"] = [texts.Text(Messages.DateBetween(EarliestMoveDate, funnel.LatestMoveDate))];
        else date = parsed;

        var note = JsonBodyReader.OptionalText(root, "note", MaxNoteLength, errors, texts);
        return (stage, date, note, errors);
    }
}
