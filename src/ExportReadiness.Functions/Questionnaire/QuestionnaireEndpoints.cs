using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Functions.Questionnaire;

public static class QuestionnaireEndpoints
{
    public static RouteHandlerBuilder MapQuestionnaire(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/questionnaire", (QuestionnaireSchema schema) => TypedResults.Json(schema, QuestionnaireSchema.JsonOptions))
            .WithTags("Questionnaire")
            .WithSummary("The current questionnaire: dimensions, questions with options and points, sectors and regions, in Swedish and English.");
}
