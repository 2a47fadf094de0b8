namespace ExportReadiness.Application.Privacy;

public static class PrivacyServiceCollectionExtensions
{
    /// <summary>Export, erasure (by the SME, an advisor, or the retention limit) and their pages.</summary>
    public static IHostApplicationBuilder AddPrivacy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<RetentionJob>();
        builder.Services.AddSingleton<ProductExport>();
        builder.Services.AddSingleton<ErasureGuard>();
        builder.Services.AddSingleton<PrivacyHandlers>();
        builder.Services.AddSingleton<PrivacyPages>();
        return builder;
    }
}
