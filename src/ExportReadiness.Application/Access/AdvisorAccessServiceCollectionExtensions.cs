using ExportReadiness.Storage;
using ExportReadiness.Storage.Advisors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace ExportReadiness.Application.Access;

public static class AdvisorAccessServiceCollectionExtensions
{
    /// <summary>
    /// The one <c>Advisor</c> scheme and policy, the session cookie behind it, antiforgery, the wrong-key limit, and the
    /// data-protection key ring in blob storage that every instance shares (a cookie or token protected by one
    /// instance is read by any other; keys live in the storage account, readable only by the app's identity).
    /// </summary>
    public static IHostApplicationBuilder AddAdvisorAccess(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AdvisorSessionOptions>().BindConfiguration(AdvisorSessionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AdvisorKeys>();
        services.AddSingleton<AppServiceAuthentication>();
        services.AddHostedService(provider => provider.GetRequiredService<AppServiceAuthentication>());
        services.AddSingleton<KeyAttemptLimiter>();
        services.AddSingleton<AdvisorAntiforgery>();

        services.AddDataProtection().SetApplicationName(AdvisorSessionCookie.ApplicationName);
        services.AddOptions<KeyManagementOptions>().Configure<StorageClients>((options, clients) =>
            options.XmlRepository = new BlobKeyRepository(clients.Container(StorageNames.DataProtectionContainer)));
        services.AddAntiforgery(AdvisorAntiforgery.Configure);

        services.AddAuthentication(AdvisorAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, AdvisorAuthentication>(AdvisorAuthentication.SchemeName, null)
            .AddCookie(AdvisorSessionCookie.SchemeName);
        services.AddOptions<CookieAuthenticationOptions>(AdvisorSessionCookie.SchemeName)
            .Configure<IOptions<AdvisorSessionOptions>, TimeProvider>(AdvisorSessionCookie.Configure);
        services.AddAuthorization(AdvisorAuthentication.AddPolicy);
        return builder;
    }
}
