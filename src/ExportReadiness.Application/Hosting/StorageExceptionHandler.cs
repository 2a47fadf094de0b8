using ExportReadiness.Storage;
using Microsoft.AspNetCore.Diagnostics;

namespace ExportReadiness.Application.Hosting;

/// <summary>
/// Storage being unreachable is the server's trouble, not the caller's, but it is not a crash either:
/// the caller gets a 503 problem and may retry. Bad requests that Kestrel itself rejects keep their status.
/// </summary>
public sealed partial class StorageExceptionHandler(IProblemDetailsService problems, ILogger<StorageExceptionHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            // The caller hung up: nobody reads an answer, and nothing went wrong on our side.
            LogClientGone(context.Request.Method, context.Request.Path);
            context.Response.StatusCode = StatusCodes.Status499ClientClosedRequest;
            return true;
        }
        var (status, title) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "The request could not be read."),
            _ when StorageClients.IsUnavailable(exception) || exception is TaskCanceledException => (StatusCodes.Status503ServiceUnavailable, ""),
            _ => (StatusCodes.Status500InternalServerError, "Unexpected error."),
        };
        if (status >= 500) LogFailure(context.Request.Path, exception);
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            // Storage comes back by itself: tell the client when to try again (a person on a page, in words).
            await Unavailable.For(context.Request, Unavailable.Reason.StorageDown, RetryAfterSeconds).ExecuteAsync(context);
            return true;
        }
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title },
        });
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Path}: the client closed the request before its answer")]
    private partial void LogClientGone(string method, PathString path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Request to {Path} failed")]
    private partial void LogFailure(PathString path, Exception exception);
}
