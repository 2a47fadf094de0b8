using ExportReadiness.Core.Localization;
using ExportReadiness.Core.Questionnaire;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExportReadiness.Application.Hosting;

/// <summary>
/// RFC 9457 problem responses used across endpoints. The overloads taking <see cref="LocalizedText"/> answer in the
/// request's language (<see cref="ApiLanguage"/>); the field names in <c>errors</c> are the same in every language.
/// There are no overloads taking a bare string title: every problem a caller reads has its Swedish text in <see cref="Messages"/>.
/// </summary>
public static class Problems
{
    private static ProblemHttpResult Status(int status, string title, string? detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status);

    public static ProblemHttpResult Status(int status, LocalizedText title, LocalizedText? detail, string lang) =>
        Status(status, title.In(lang), detail?.In(lang));

    private static ValidationProblem Invalid(IDictionary<string, string[]> errors, string title) =>
        TypedResults.ValidationProblem(errors, title: title);

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors, LocalizedText title, string lang) =>
        Invalid(errors, title.In(lang));

    public static ValidationProblem Invalid(string field, LocalizedText message, string lang) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message.In(lang)] }, Messages.InvalidRequest, lang);

    /// <summary>A 400 with field errors as a <see cref="ProblemHttpResult"/>, for helpers that return one problem type.</summary>
    public static ProblemHttpResult InvalidField(string field, LocalizedText message, string lang) =>
        InvalidField(field, message.In(lang), Messages.InvalidRequest.In(lang));

    /// <summary>A 400 with field errors as a <see cref="ProblemHttpResult"/>, for helpers that return one problem type.</summary>
    public static ProblemHttpResult InvalidFields(IDictionary<string, string[]> errors, LocalizedText title, string lang) => InvalidFields(errors, title.In(lang));

    private static ProblemHttpResult InvalidField(string field, string message, string title) =>
        InvalidFields(new Dictionary<string, string[]> { [field] = [message] }, title);

    private static ProblemHttpResult InvalidFields(IDictionary<string, string[]> errors, string title) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = title,
        });
}
