namespace ExportReadiness.Application.Privacy;

public static class PrivacyServiceCollectionExtensions
{
    /// <summary>Export, erasure (by the SME, an advisor, or the retention limit) and their pages; the access log; the form's privacy notice.</summary>
    public static IHostApplicationBuilder AddPrivacy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<RetentionJob>();
        builder.Services.AddSingleton<ProductExport>();
        builder.Services.AddSingleton<ErasureGuard>();
        builder.Services.AddSingleton<PrivacyHandlers>();
        builder.Services.AddSingleton<PrivacyPages>();
        builder.Services.AddOptions<AccessLogOptions>().BindConfiguration(AccessLogOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ProductAccessLog>();
        builder.Services.AddOptions<PrivacyNoticeOptions>().BindConfiguration(PrivacyNoticeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<AccessLogExpiry>();
        builder.Services.AddSingleton<AccessLogHandlers>();
        return builder;
    }
}
