using Microsoft.AspNetCore.Http.HttpResults;

namespace ExportReadiness.Application.Hosting;

/// <summary>RFC 9457 problem responses used across endpoints.</summary>
public static class Problems
{
    public static ProblemHttpResult Status(int status, string title, string? detail = null) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status);

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors, string title = "The request has invalid fields.") =>
        TypedResults.ValidationProblem(errors, title: title);

    public static ValidationProblem Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>A 400 with field errors as a <see cref="ProblemHttpResult"/>, for helpers that return one problem type.</summary>
    public static ProblemHttpResult InvalidField(string field, string message) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request has invalid fields.",
        });
}
