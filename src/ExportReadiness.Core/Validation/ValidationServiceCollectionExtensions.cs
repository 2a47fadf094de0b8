using Microsoft.Extensions.DependencyInjection;

namespace ExportReadiness.Core.Validation;

public static class ValidationServiceCollectionExtensions
{
    /// <summary>The outcome validator, over the questionnaire, scorer and CSV reader that <c>AddExportReadinessCore</c> registers.</summary>
    public static IServiceCollection AddOutcomeValidation(this IServiceCollection services)
    {
        services.AddSingleton<OutcomeValidator>();
        return services;
    }
}
