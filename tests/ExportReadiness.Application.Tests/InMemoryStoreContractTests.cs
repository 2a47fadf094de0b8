using ExportReadiness.Core.ActionPlans;
using ExportReadiness.Core.Advisors;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Batches;
using ExportReadiness.Core.Funnel;
using ExportReadiness.Core.Programmes;
using ExportReadiness.Core.Reviews;
using ExportReadiness.Core.Training;
using ExportReadiness.Testing.Contracts;
using ExportReadiness.Testing.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace ExportReadiness.Application.Tests;

// The store contracts (tests/ExportReadiness.Testing/Contracts) run against the in-memory fakes the handler tests use;
// ExportReadiness.Storage.Tests runs the same facts against the Azure Storage adapters on Azurite.

public sealed class InMemoryAssessmentStoreContractTests : AssessmentStoreContract
{
    private readonly FakeTimeProvider _clock = new(ApplicationUnderTest.Start);

    public InMemoryAssessmentStoreContractTests() => Store = new InMemoryAssessmentStore(_clock);

    protected override IAssessmentStore Store { get; }

    protected override DateTimeOffset StoreNow => _clock.GetUtcNow();
}

public sealed class InMemoryProductIndexContractTests : ProductIndexContract
{
    private readonly InMemoryAssessmentStore _store = new();

    protected override IAssessmentStore Store => _store;

    protected override IProductIndex Index => _store;
}

public sealed class InMemoryReviewStoreContractTests : ReviewStoreContract
{
    protected override IReviewStore Store { get; } = new InMemoryReviewStore();
}

public sealed class InMemoryActionPlanStoreContractTests : ActionPlanStoreContract
{
    protected override IActionPlanStore Store { get; } = new InMemoryActionPlanStore();
}

public sealed class InMemoryStageMoveStoreContractTests : StageMoveStoreContract
{
    protected override IStageMoveStore Store { get; } = new InMemoryStageMoveStore();
}

public sealed class InMemoryBatchStoreContractTests : BatchStoreContract
{
    protected override IBatchStore Store { get; } = new InMemoryBatchStore();
}

public sealed class InMemoryModelRunStoreContractTests : ModelRunStoreContract
{
    protected override IModelRunStore Store { get; } = new InMemoryModelRunStore();
}

public sealed class InMemoryRescorePartStoreContractTests : RescorePartStoreContract
{
    protected override IRescorePartStore Store { get; } = new InMemoryRescorePartStore();
}

public sealed class InMemoryAssessmentRangesContractTests : AssessmentRangesContract
{
    public InMemoryAssessmentRangesContractTests()
    {
        var store = new InMemoryAssessmentStore();
        Store = store;
        Ranges = new InMemoryAssessmentRanges(store);
    }

    protected override IAssessmentStore Store { get; }

    protected override IAssessmentRanges Ranges { get; }
}

public sealed class InMemoryAdvisorSessionStoreContractTests : AdvisorSessionStoreContract
{
    protected override IAdvisorSessionStore Store { get; } = new InMemoryAdvisorSessionStore();
}

public sealed class InMemorySubmissionArchiveContractTests : SubmissionArchiveContract
{
    protected override ISubmissionArchive Archive { get; } = new InMemorySubmissionArchive();
}

public sealed class InMemoryDistributedLockContractTests : DistributedLockContract
{
    protected override IDistributedLock Locks { get; } = new InMemoryDistributedLock();
}

public sealed class InMemoryProgrammeExtensionStoreContractTests : ProgrammeExtensionStoreContract
{
    protected override IProgrammeExtensionStore Store { get; } = new InMemoryProgrammeExtensionStore();
}

public sealed class InMemoryOutcomeSetStoreContractTests : OutcomeSetStoreContract
{
    protected override IOutcomeSetStore Store { get; } = new InMemoryOutcomeSetStore();
}
