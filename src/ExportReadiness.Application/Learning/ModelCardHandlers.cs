using ExportReadiness.Application.Hosting;
using ExportReadiness.Core.Localization;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Application.Localization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExportReadiness.Application.Learning;

/// <summary>The model card as JSON, for advisors: figures that cannot be computed are left out rather than written as NaN.</summary>
public sealed class ModelCardHandlers(ModelCardReader cards)
{
    public async Task<Results<JsonHttpResult<ModelCard>, ProblemHttpResult>> Get(HttpRequest request, CancellationToken cancellationToken) =>
        await cards.ReadAsync(cancellationToken) is { } card
            ? TypedResults.Json(card, QuestionnaireSchema.JsonOptions)
            : Problems.Status(StatusCodes.Status404NotFound, Messages.NotFound, Messages.NoModelYet, ApiMessages.Of(request));
}
