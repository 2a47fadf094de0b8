using ExportReadiness.Core.Localization;
using System.Globalization;
using ExportReadiness.Application.Pages;
using ExportReadiness.Application.Pages.Shared;
using ExportReadiness.Application.Localization;

namespace ExportReadiness.Application.Hosting;

/// <summary>
/// The answer when the service cannot serve a request right now (storage unreachable, or more requests than it
/// can take): 503 with <c>Retry-After</c>. An API caller gets problem details; a person on a page gets a page in
/// their language that says to try again shortly, not a JSON document.
/// </summary>
public static class Unavailable
{
    public enum Reason { StorageDown, Overloaded }

    public static IResult For(HttpRequest request, Reason reason, int retryAfterSeconds)
    {
        request.HttpContext.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Pages.Page.IsFor(request)
            ? Page(reason, retryAfterSeconds)
            : Problems.Status(StatusCodes.Status503ServiceUnavailable, Title(reason), Messages.TryAgainIn(retryAfterSeconds), ApiMessages.Of(request));
    }

    private static Message Title(Reason reason) => reason == Reason.Overloaded ? Messages.ServiceBusy : Messages.StorageUnavailable;

    private static IResult Page(Reason reason, int retryAfterSeconds) =>
        Pages.Page.Of<TryAgainPage>(new Dictionary<string, object?>
        {
            [nameof(TryAgainPage.Overloaded)] = reason == Reason.Overloaded,
            [nameof(TryAgainPage.RetryAfterSeconds)] = retryAfterSeconds,
        }, StatusCodes.Status503ServiceUnavailable);
}
