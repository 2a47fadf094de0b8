using ExportReadiness.Core.Localization;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Scoring;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Validation;
using ExportReadiness.Application.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ExportReadiness.Application.Validation;

/// <summary>
/// An agency checks the model in use against outcomes it knows: a labelled file (the batch CSV plus
/// <c>outcome</c>, or a World Bank Enterprise Survey export) answered with the model's and the rubric's ROC AUC,
/// PR AUC, Brier score and ECE side by side, overall and per sector, each with a bootstrap interval.
/// </summary>
public sealed class ValidationHandler(OutcomeValidator validator, CurrentModel currentModel, IOptions<ExportReadinessOptions> options)
{
    /// <summary>A labelled file is read whole (it is scored in one pass): at most this much.</summary>
    public const int MaxFileBytes = 32 * 1024 * 1024;

    public async Task<Results<JsonHttpResult<ValidationReport>, ValidationProblem, ProblemHttpResult>> Validate(HttpRequest request, CancellationToken cancellationToken)
    {
        var texts = ApiMessages.Of(request);
        if (!OutcomeUpload.TryParseFormat(request.Query["format"].ToString(), out var format)) return OutcomeUpload.FormatProblem(texts);
        var limit = OutcomeUpload.Limit(options.Value);
        if (request.ContentLength > limit) return OutcomeUpload.TooLarge(limit, texts);

        var (file, problem) = await CsvUpload.OpenAsync(request, limit, cancellationToken);
        if (problem is not null) return problem;
        if (await BoundedBody.ReadAsync(file!, limit, cancellationToken) is not { } content) return OutcomeUpload.TooLarge(limit, texts);

        var model = await currentModel.GetAsync(cancellationToken);
        // The report is written in English, the reasons of its rejected rows too.
        var english = ApiMessages.InEnglish(request.HttpContext.RequestServices);
        var (report, unusable) = await OutcomeUpload.ReadAsync(content, reader => validator.ValidateAsync(reader, english, model, format, cancellationToken: cancellationToken), texts);
        if (unusable is not null) return unusable;
        // The report's own JSON shape: enum names, and figures that cannot be computed left out rather than NaN.
        return TypedResults.Json(report!, QuestionnaireSchema.JsonOptions);
    }
}
