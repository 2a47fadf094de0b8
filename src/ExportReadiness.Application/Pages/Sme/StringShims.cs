using System.Text.Encodings.Web;
using System.Text.Unicode;
using ExportReadiness.Application.Localization;
using ExportReadiness.Core.Questionnaire;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ExportReadiness.Application.Pages.Sme;

// TODO(issue 18 merge): string shim for AdvisorPages. The advisor's pages still build HTML in strings and call the SME's
// sections by their old string signatures (no request, no services): this renders the components those sections now
// are, with the texts from the default resource folder, so both pages show the same markup until AdvisorPages is a
// component too and renders them itself. Delete this file then.
internal static class StringShims
{
    private static readonly Lazy<TextCatalog> Catalog = new(() => new TextCatalog(Options.Create(new TextOptions())));

    /// <summary>A section component's HTML in a language, rendered synchronously (the sections load nothing).</summary>
    public static string Render<TComponent>(QuestionnaireSchema schema, string lang, IReadOnlyDictionary<string, object?> parameters)
        where TComponent : IComponent
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(Catalog.Value)
            .AddSingleton<IStringLocalizerFactory, ResxStringLocalizerFactory>()
            .AddTransient(typeof(IStringLocalizer<>), typeof(StringLocalizer<>))
            .AddSingleton(HtmlEncoder.Create(UnicodeRanges.All))
            .AddSingleton(schema)
            .AddSingleton(TimeProvider.System);
        using var provider = services.BuildServiceProvider();
        var page = new PageContext(new DefaultHttpContext { RequestServices = provider }, Culture(lang));
        return PageResult.RenderAsync(page, typeof(TComponent), parameters).GetAwaiter().GetResult();
    }

    /// <summary>One text of a set in a language, for a shim that returns a text rather than HTML.</summary>
    public static string Text<TSet>(string key, string lang) => Catalog.Value.Find(typeof(TSet).Name, key, Culture(lang)) ?? key;

    private static System.Globalization.CultureInfo Culture(string lang) => RequestLanguage.Offered(Catalog.Value, lang) ?? Catalog.Value.DefaultCulture;
}
