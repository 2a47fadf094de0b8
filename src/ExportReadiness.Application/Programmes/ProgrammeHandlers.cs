using ExportReadiness.Core.Localization;
using ExportReadiness.Application.Assessments;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Core.Programmes;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Application.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ExportReadiness.Application.Programmes;

/// <summary>
/// The support-programme catalogue over HTTP: anyone reads it (the programmes are public information), advisors read
/// and replace the extension and see which programmes a cohort calls for.
/// </summary>
public sealed class ProgrammeHandlers(ProgrammeCatalogueProvider catalogue, IProgrammeExtensionStore extensions, CohortProgrammes cohort, IOptions<ProgrammeOptions> options)
{
    /// <summary>An extension that changes nothing, returned before any advisor has written one.</summary>
    private static readonly CatalogueDocument EmptyExtension = new(ProgrammeCatalogue.SchemaVersion, []);

    public async Task<JsonHttpResult<CatalogueDocument>> Catalogue(CancellationToken cancellationToken)
    {
        var merged = (await catalogue.MatcherAsync(cancellationToken)).Catalogue;
        return TypedResults.Json(new CatalogueDocument(ProgrammeCatalogue.SchemaVersion, merged.Programmes), QuestionnaireSchema.JsonOptions);
    }

    /// <summary>The extension exactly as the last advisor wrote it, to edit and PUT back.</summary>
    public async Task<Results<FileContentHttpResult, JsonHttpResult<CatalogueDocument>>> Extension(CancellationToken cancellationToken)
    {
        if (await extensions.GetAsync(cancellationToken) is { } stored) return TypedResults.Bytes(stored.Json, "application/json");
        return TypedResults.Json(EmptyExtension, QuestionnaireSchema.JsonOptions);
    }

    /// <summary>
    /// Replaces the extension whole. Nothing is stored unless all of it is valid; a bad one is a 400 whose <c>errors</c>
    /// are keyed by entry and field (<c>my-voucher.regions[0]</c>, <c>programmes[1].regoins</c>), every problem at once.
    /// </summary>
    public async Task<Results<Ok<ExtensionSaved>, ValidationProblem, ProblemHttpResult>> PutExtension(HttpContext context, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBodyReader.ReadAsync(context.Request, options.Value.MaxExtensionBytes, cancellationToken);
        if (problem is not null) return problem;
        try
        {
            var advisor = context.User.Identity?.Name ?? "advisor";
            var merged = await catalogue.SaveExtensionAsync(body!.Raw, advisor, cancellationToken);
            return TypedResults.Ok(new ExtensionSaved(merged.Programmes.Count));
        }
        catch (CatalogueException e)
        {
            var errors = e.Errors.GroupBy(FieldOf, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(x => x.Message).ToArray());
            return Problems.Invalid(errors, Messages.InvalidExtension, ApiMessages.Of(context.Request));
        }
    }

    /// <summary>Advisors: which programmes the gaps of the filtered assessments call for most (the same filters as the list).</summary>
    public async Task<Results<Ok<CohortDemandView>, ValidationProblem>> Demand(HttpRequest request, CancellationToken cancellationToken)
    {
        var texts = ApiMessages.Of(request);
        var (query, errors) = AssessmentFilter.Parse(request.Query);
        if (errors.Count > 0) return Problems.Invalid(errors, Messages.InvalidReportFilters, texts);
        var demand = await cohort.BuildAsync(query, cancellationToken);
        return TypedResults.Ok(demand.AsView(RequestLanguage.Requested(request)?.Name));
    }

    /// <summary>An error's place as a path: the entry (its id, or <c>programmes[i]</c>) then the field; document-level fields alone.</summary>
    private static string FieldOf(CatalogueError error) => error.Entry == "document" ? error.Field : $"{error.Entry}.{error.Field}";
}
