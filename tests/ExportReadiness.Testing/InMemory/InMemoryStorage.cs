using ExportReadiness.Core.ActionPlans;
using ExportReadiness.Core.Advisors;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Batches;
using ExportReadiness.Core.Funnel;
using ExportReadiness.Core.Privacy;
using ExportReadiness.Core.Programmes;
using ExportReadiness.Core.Reviews;
using ExportReadiness.Core.Scoring;
using ExportReadiness.Core.Training;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ExportReadiness.Testing.InMemory;

/// <summary>
/// Every store and queue interface of Core in memory, sharing one store clock: what a test composes in place of Azure
/// Storage. <see cref="AddTo"/> registers each fake as the service its interface names, replacing any registration there.
/// </summary>
public sealed class InMemoryStorage(TimeProvider clock)
{
    public InMemoryAssessmentStore Assessments { get; } = new(clock);
    public InMemorySubmissionArchive Submissions { get; } = new();
    public InMemoryScoringQueue ScoringQueue { get; } = new();
    public InMemoryReviewStore Reviews { get; } = new(clock);
    public InMemoryBatchStore Batches { get; } = new(clock);
    public InMemoryBatchQueue BatchQueue { get; } = new();
    public InMemoryStageMoveStore StageMoves { get; } = new(clock);
    public InMemoryActionPlanStore ActionPlans { get; } = new(clock);
    public InMemoryAdvisorSessionStore AdvisorSessions { get; } = new(clock);
    public InMemoryModelRepository Models { get; } = new();
    public InMemoryModelRunStore ModelRuns { get; } = new(clock);
    public InMemoryRescorePartStore RescoreParts { get; } = new(clock);
    public InMemoryRescorePartQueue RescorePartQueue { get; } = new();

    /// <summary>The key-order view of <see cref="Assessments"/> the rescore fan-out reads.</summary>
    public InMemoryAssessmentRanges AssessmentRanges => field ??= new(Assessments);
    public InMemoryDistributedLock Locks { get; } = new();
    public InMemoryProgrammeExtensionStore ProgrammeExtension { get; } = new();
    public InMemoryOutcomeSetStore OutcomeSets { get; } = new();
    public InMemoryAccessLog AccessLog { get; } = new();

    public InMemoryProductErasure Erasure => field ??= new(Assessments, clock);

    /// <summary>The interfaces this class stands in for, each with its fake: one list, so none is forgotten in <see cref="AddTo"/>.</summary>
    public IReadOnlyList<(Type Service, object Fake)> Registrations =>
    [
        (typeof(IAssessmentStore), Assessments), (typeof(IProductIndex), Assessments), (typeof(ISubmissionArchive), Submissions), (typeof(IScoringQueue), ScoringQueue),
        (typeof(IReviewStore), Reviews), (typeof(IBatchStore), Batches), (typeof(IBatchQueue), BatchQueue),
        (typeof(IStageMoveStore), StageMoves), (typeof(IActionPlanStore), ActionPlans), (typeof(IAdvisorSessionStore), AdvisorSessions),
        (typeof(IModelRepository), Models), (typeof(IModelRunStore), ModelRuns), (typeof(IDistributedLock), Locks),
        (typeof(IProgrammeExtensionStore), ProgrammeExtension), (typeof(IOutcomeSetStore), OutcomeSets),
        (typeof(IRescorePartStore), RescoreParts), (typeof(IRescorePartQueue), RescorePartQueue), (typeof(IAssessmentRanges), AssessmentRanges),
        (typeof(IAccessLog), AccessLog),
        (typeof(Core.Privacy.IProductErasure), Erasure),
    ];

    public IServiceCollection AddTo(IServiceCollection services)
    {
        foreach (var (service, fake) in Registrations)
        {
            services.RemoveAll(service);
            services.AddSingleton(service, fake);
        }
        return services;
    }
}
