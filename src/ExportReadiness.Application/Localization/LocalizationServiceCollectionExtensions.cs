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
        return services;
    }
}
