using ExportReadiness.Core.Questionnaire;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExportReadiness.Application.Questionnaire;

/// <summary>The current questionnaire: dimensions, questions with options and points, sectors and regions, in Swedish and English.</summary>
public sealed class QuestionnaireHandler(QuestionnaireSchema schema)
{
    public JsonHttpResult<QuestionnaireSchema> Get() => TypedResults.Json(schema, QuestionnaireSchema.JsonOptions);
}
