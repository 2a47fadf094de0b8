using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;

namespace ExportReadiness.Application.Localization;

public static class LocalizationServiceCollectionExtensions
{
    /// <summary>The texts of pages and API messages from their resource files, through <see cref="IStringLocalizer{T}"/>.</summary>
    public static IServiceCollection AddTexts(this IServiceCollection services)
    {
        services.AddOptions<TextOptions>().BindConfiguration(TextOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TextCatalog>();
        services.AddSingleton<IStringLocalizerFactory, ResxStringLocalizerFactory>();
        services.AddTransient(typeof(IStringLocalizer<>), typeof(StringLocalizer<>));
        // The pages' renderer escapes what HTML needs escaped, and leaves å, ä, ö and every other letter as written.
        services.TryAddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        return services;
    }
}
