using ExportReadiness.Application.Hosting;
using Microsoft.Extensions.Options;

namespace ExportReadiness.Application.Access;

/// <summary>
/// Whether the principal App Service Authentication passes in <c>X-MS-CLIENT-PRINCIPAL</c> is trusted. The platform
/// strips that header from outside requests only while its authentication is on, so the app setting alone is not
/// enough: switched off in the portal with the setting left on, anyone could claim to be an advisor. Both must hold:
/// <see cref="ExportReadinessOptions.AppServiceAuthentication"/> and <c>WEBSITE_AUTH_ENABLED=True</c>, the variable
/// the platform itself sets while its authentication is on (what Microsoft.Identity.Web reads for the same question).
/// Read through configuration, which includes the environment, so a test can set it.
/// </summary>
public sealed partial class AppServiceAuthentication(IConfiguration configuration, IOptionsMonitor<ExportReadinessOptions> options, ILogger<AppServiceAuthentication> logger)
    : IHostedService
{
    public const string PlatformVariable = "WEBSITE_AUTH_ENABLED";

    private bool PlatformSaysOn => string.Equals(configuration[PlatformVariable]?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>True only when the app is told to trust the platform and the platform says its authentication is on.</summary>
    public bool IsTrusted => options.CurrentValue.AppServiceAuthentication && PlatformSaysOn;

    /// <summary>At start, says plainly when the setting is on but the header will be ignored, so an operator learns why sign-in fails.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.CurrentValue.AppServiceAuthentication && !PlatformSaysOn) LogPlatformOff(logger, PlatformVariable);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "ExportReadiness__AppServiceAuthentication is true but the platform does not say its authentication is on ({Variable} is not True): X-MS-CLIENT-PRINCIPAL is ignored")]
    private static partial void LogPlatformOff(ILogger logger, string variable);
}
