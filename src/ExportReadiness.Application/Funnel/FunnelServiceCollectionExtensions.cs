using Microsoft.Extensions.Options;

namespace ExportReadiness.Application.Funnel;

public static class FunnelServiceCollectionExtensions
{
    /// <summary>The funnel: its stages from <c>ExportReadiness:Funnel</c> (validated at start), the reader and the handlers.</summary>
    public static IServiceCollection AddFunnel(this IServiceCollection services)
    {
        services.AddOptions<FunnelOptions>().BindConfiguration(FunnelOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<FunnelOptions>>().Value.ToStages());
        services.AddSingleton<FunnelReader>();
        services.AddSingleton<FunnelExport>();
        services.AddSingleton<StageHandlers>();
        return services;
    }
}
