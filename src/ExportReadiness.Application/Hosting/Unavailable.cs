using ExportReadiness.Core.Localization;
using ExportReadiness.Core.Questionnaire;
using System.Globalization;
using ExportReadiness.Application.Pages;

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
        return Html.IsPageRequest(request)
            ? Page(request, reason, retryAfterSeconds)
            : Problems.Status(StatusCodes.Status503ServiceUnavailable, Title(reason), Messages.TryAgainIn(retryAfterSeconds), ApiLanguage.Of(request));
    }

    private static LocalizedText Title(Reason reason) => reason == Reason.Overloaded ? Messages.ServiceBusy : Messages.StorageUnavailable;

    private static IResult Page(HttpRequest request, Reason reason, int retryAfterSeconds)
    {
        var lang = Html.Language(request);
        var title = Html.T(lang, "Försök igen om en stund", "Please try again shortly");
        var why = reason == Reason.Overloaded
            ? Html.T(lang, "Tjänsten har just nu fler förfrågningar än den hinner med.", "The service has more requests right now than it can handle.")
            : Html.T(lang, "Tjänsten når inte sin lagring just nu.", "The service cannot reach its storage right now.");
        var promise = Html.T(lang,
            $"Inget av det du redan skickat in har gått förlorat. Ladda om sidan om {retryAfterSeconds} sekunder.",
            $"Nothing you already submitted is lost. Reload the page in {retryAfterSeconds} seconds.");
        return Html.Page(request, title,
            $"<section class=\"unavailable\" role=\"alert\"><h1>{Html.E(title)}</h1><p>{Html.E(why)}</p><p>{Html.E(promise)}</p>" +
            $"<p><a href=\"{Html.E(request.Path + request.QueryString.ToString())}\">{Html.E(Html.T(lang, "Försök igen", "Try again"))}</a></p></section>",
            StatusCodes.Status503ServiceUnavailable);
    }
}
