using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using ExportReadiness.Application.Access;
using ExportReadiness.Application.Pages;

namespace ExportReadiness.LocalHost.Tests;

/// <summary>
/// What an advisor's browser does with cookies and forms, by hand so a test can see every Set-Cookie, copy a cookie
/// or drop one: keeps the cookies the app sets, sends them back, and posts forms with the token their page carries.
/// </summary>
public sealed partial class AdvisorSessionClient(HttpClient http) : IDisposable
{
    public Dictionary<string, string> Cookies { get; } = new(StringComparer.Ordinal);

    /// <summary>Every Set-Cookie line of the last answer, as sent.</summary>
    public IReadOnlyList<string> LastSetCookies { get; private set; } = [];

    public string? Session => Cookies.GetValueOrDefault(AdvisorSessionCookie.CookieName);

    public HttpRequestHeaders Headers => http.DefaultRequestHeaders;

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (Cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", Cookies.Select(c => $"{c.Key}={c.Value}")));
        var response = await http.SendAsync(request);
        LastSetCookies = response.Headers.TryGetValues("Set-Cookie", out var lines) ? lines.ToList() : [];
        foreach (var line in LastSetCookies)
        {
            var pair = line.Split(';')[0];
            var name = pair[..pair.IndexOf('=')];
            var value = pair[(pair.IndexOf('=') + 1)..];
            if (value.Length == 0) Cookies.Remove(name);
            else Cookies[name] = value;
        }
        return response;
    }

    public Task<HttpResponseMessage> GetAsync(string url) => SendAsync(new HttpRequestMessage(HttpMethod.Get, url));

    /// <summary>The antiforgery token a page gives its forms (hidden field) and scripts (meta tag).</summary>
    public async Task<string> TokenFromAsync(string url)
    {
        var page = await (await GetAsync(url)).Content.ReadAsStringAsync();
        var match = Token().Match(page);
        Assert.True(match.Success, $"{url} carries no antiforgery token.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public async Task<HttpResponseMessage> PostFormAsync(string url, IDictionary<string, string> fields) =>
        await SendAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) });

    /// <summary>
    /// Opens an SME's result link as its page's script does: the page's open form posts the token (which the link
    /// carries in its fragment, never sent) with the page's antiforgery token; the answer sets the page's cookie.
    /// </summary>
    public async Task<HttpResponseMessage> OpenResultAsync(string id, string token, string? lang = null)
    {
        var query = lang is null ? "" : $"?lang={lang}";
        return await PostFormAsync($"/result/{id}/open{query}", new Dictionary<string, string>
        {
            [SmePages.TokenField] = token, [AdvisorAntiforgery.FormFieldName] = await TokenFromAsync($"/result/{id}{query}"),
        });
    }

    /// <summary>Signs in on the sign-in page as a person would: the form's token, then the key.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string key = ExportReadinessApplication.AdvisorKey) =>
        await PostFormAsync("/advisor/login", new Dictionary<string, string>
        {
            ["key"] = key, [AdvisorAntiforgery.FormFieldName] = await TokenFromAsync("/advisor/login"),
        });

    /// <summary>Signs out with the dashboard's sign-out button.</summary>
    public async Task<HttpResponseMessage> SignOutAsync() =>
        await PostFormAsync("/advisor/logout", new Dictionary<string, string> { [AdvisorAntiforgery.FormFieldName] = await TokenFromAsync("/advisor") });

    public void Dispose() => http.Dispose();

    [GeneratedRegex("(?:name=\"__RequestVerificationToken\" value|name=\"request-verification-token\" content)=\"([^\"]+)\"")]
    private static partial Regex Token();
}
