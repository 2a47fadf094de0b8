using ExportReadiness.Application.Pages;

namespace ExportReadiness.Application.Tests.Pages;

/// <summary>The SME's pages as a browser gets them: a GET through the handler, with the result page's token cookie when it has one.</summary>
internal static class SmePageRequests
{
    public static async Task<(int Status, string Html)> FormAsync(this ApplicationUnderTest app, string lang = "sv")
    {
        var context = app.Get($"/?lang={lang}");
        return await app.Get<SmePages>().Form(context.Request).RenderAsync(context);
    }

    public static async Task<(int Status, string Html)> ResultAsync(this ApplicationUnderTest app, string id, string? token, string lang = "en", string query = "")
    {
        var context = app.Get($"/result/{id}?lang={lang}{query}");
        if (token is not null) context.WithHeader("Cookie", $"{SmePages.ResultTokenCookie(id)}={token}");
        return await (await app.Get<SmePages>().Result(id, context, default)).RenderAsync(context);
    }

    public static async Task<(int Status, string Html)> ReassessAsync(this ApplicationUnderTest app, string id, string? token, string lang = "en")
    {
        var context = app.Get($"/result/{id}/reassess?lang={lang}");
        if (token is not null) context.WithHeader("Cookie", $"{SmePages.ResultTokenCookie(id)}={token}");
        return await (await app.Get<SmePages>().Reassess(id, context, default)).RenderAsync(context);
    }
}
