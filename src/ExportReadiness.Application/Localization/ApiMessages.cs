using System.Globalization;
using ExportReadiness.Core.Localization;
using Microsoft.Extensions.Localization;

namespace ExportReadiness.Application.Localization;

/// <summary>
/// The API's messages (<see cref="Messages"/>) as text in one language, from the <c>ApiTexts</c> resource files
/// through <see cref="IStringLocalizer{T}"/>. A request's are <see cref="Of"/> it (<see cref="RequestLanguage.OfApi"/>);
/// work without a request (a batch ingest, an outcome report) names its language with <see cref="In"/>.
/// </summary>
public sealed class ApiMessages(IStringLocalizer<ApiTexts> texts, CultureInfo culture) : IMessageTexts
{
    public const string English = "en";

    public CultureInfo Culture => culture;

    /// <summary>The culture's name, for the questionnaire's own texts (<c>LocalizedText.In</c>).</summary>
    public string Lang => culture.Name;

    public static ApiMessages Of(HttpRequest request) => In(request.HttpContext.RequestServices, RequestLanguage.OfApi(request));

    public static ApiMessages In(IServiceProvider services, CultureInfo culture) =>
        new(services.GetRequiredService<IStringLocalizer<ApiTexts>>(), culture);

    /// <summary>For what is written in English whoever asks: the outcome reports, and a batch's rejections beside the default language's.</summary>
    public static ApiMessages InEnglish(IServiceProvider services) => In(services, CultureInfo.GetCultureInfo(English));

    /// <summary>A message's text; a key missing from every file is a bug, not something to answer with.</summary>
    public string Text(Message message)
    {
        // The localizer reads the UI culture, as it does while a page renders; the API's answer sets it only for the look-up.
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            var text = message.Arguments.Count == 0 ? texts[message.Key] : texts[message.Key, [.. message.Arguments]];
            return text.ResourceNotFound ? throw new KeyNotFoundException($"No text '{message.Key}' in the {nameof(ApiTexts)} resource files.") : text.Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
