using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Batches;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Scoring;
using Microsoft.Extensions.DependencyInjection;

namespace ExportReadiness.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>The questionnaire, validation, rubric and scoring: pure logic, all singletons.</summary>
    public static IServiceCollection AddExportReadinessCore(this IServiceCollection services)
    {
        services.AddSingleton(_ => QuestionnaireSchema.V1);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new SubmissionValidator(sp.GetRequiredService<QuestionnaireSchema>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<Rubric>();
        services.AddSingleton<FeatureEncoder>();
        services.AddSingleton<AssessmentScorer>();
        services.AddSingleton<AssessmentIntake>();
        services.AddSingleton<AssessmentCsv>();
        return services;
    }
}
