using ExportReadiness.Core.Localization;
using System.Text;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Scoring;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Validation;
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
        var lang = ApiLanguage.Of(request);
        var format = OutcomeFormat.Auto;
        if (request.Query["format"].ToString() is { Length: > 0 } text && (!Enum.TryParse(text, ignoreCase: true, out format) || !Enum.IsDefined(format)))
            return Problems.Invalid("format", Messages.UseOneOf(Enum.GetNames<OutcomeFormat>()), lang);
        var limit = (int)Math.Min(MaxFileBytes, options.Value.MaxBatchBytes);
        if (request.ContentLength > limit) return TooLarge(limit, lang);

        var (file, problem) = await CsvUpload.OpenAsync(request, cancellationToken);
        if (problem is not null) return problem;
        if (await BoundedBody.ReadAsync(file!, limit, cancellationToken) is not { } content) return TooLarge(limit, lang);

        var model = await currentModel.GetAsync(cancellationToken);
        try
        {
            using var reader = new StreamReader(new MemoryStream(content), new UTF8Encoding(false, throwOnInvalidBytes: true));
            // The file's problems are the readers' own words, in English: they quote the file's columns and codes.
            // The report's own JSON shape: enum names, and figures that cannot be computed left out rather than NaN.
            return TypedResults.Json(await validator.ValidateAsync(reader, model, format, cancellationToken: cancellationToken), QuestionnaireSchema.JsonOptions);
        }
        catch (OutcomeFileException e)
        {
            return Problems.Invalid(new Dictionary<string, string[]> { ["file"] = [.. e.Problems] }, Messages.OutcomeFileUnusable, lang);
        }
        catch (DecoderFallbackException)
        {
            return Problems.Invalid("file", Messages.NotUtf8, lang);
        }
    }

    private static ProblemHttpResult TooLarge(int limit, string lang) =>
        Problems.Status(StatusCodes.Status413PayloadTooLarge, Messages.FileTooLarge, Messages.AtMostMiB(limit / (1024 * 1024)), lang);
}
