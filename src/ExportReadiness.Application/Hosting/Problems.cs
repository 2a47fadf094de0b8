using ExportReadiness.Application.Localization;
using ExportReadiness.Core.Localization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExportReadiness.Application.Hosting;

/// <summary>
/// RFC 9457 problem responses used across endpoints, in the request's language: every title, detail and field message
/// is a <see cref="Message"/> whose words come from the <c>ApiTexts</c> resource files (<see cref="ApiMessages"/>).
/// The field names in <c>errors</c> are the same in every language. There are no overloads taking a bare string title.
/// </summary>
public static class Problems
{
    public static ProblemHttpResult Status(int status, Message title, Message? detail, IMessageTexts texts) =>
        TypedResults.Problem(title: texts.Text(title), detail: detail is null ? null : texts.Text(detail), statusCode: status);

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors, Message title, IMessageTexts texts) =>
        TypedResults.ValidationProblem(errors, title: texts.Text(title));

    public static ValidationProblem Invalid(IReadOnlyDictionary<string, Message[]> errors, Message title, IMessageTexts texts) =>
        Invalid(texts.In(errors), title, texts);

    public static ValidationProblem Invalid(string field, Message message, IMessageTexts texts) =>
        Invalid(new Dictionary<string, string[]> { [field] = [texts.Text(message)] }, Messages.InvalidRequest, texts);

    /// <summary>A 400 with field errors as a <see cref="ProblemHttpResult"/>, for helpers that return one problem type.</summary>
    public static ProblemHttpResult InvalidField(string field, Message message, IMessageTexts texts) =>
        InvalidFields(new Dictionary<string, string[]> { [field] = [texts.Text(message)] }, Messages.InvalidRequest, texts);

    /// <summary>A 400 with field errors as a <see cref="ProblemHttpResult"/>, for helpers that return one problem type.</summary>
    public static ProblemHttpResult InvalidFields(IDictionary<string, string[]> errors, Message title, IMessageTexts texts) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = texts.Text(title),
        });
}
