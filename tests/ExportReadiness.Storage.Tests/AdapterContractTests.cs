using ExportReadiness.Core.ActionPlans;
using ExportReadiness.Core.Advisors;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Batches;
using ExportReadiness.Core.Funnel;
using ExportReadiness.Core.Programmes;
using ExportReadiness.Core.Reviews;
using ExportReadiness.Core.Training;
using ExportReadiness.Storage.ActionPlans;
using ExportReadiness.Storage.Advisors;
using ExportReadiness.Storage.Assessments;
using ExportReadiness.Storage.Batches;
using ExportReadiness.Storage.Funnel;
using ExportReadiness.Storage.Programmes;
using ExportReadiness.Storage.Reviews;
using ExportReadiness.Storage.Training;
using ExportReadiness.Testing.Contracts;

namespace ExportReadiness.Storage.Tests;

// The store contracts (tests/ExportReadiness.Testing/Contracts) run against the Azure Storage adapters on the shared
// Azurite; ExportReadiness.Application.Tests runs the same facts against the in-memory fakes its handler tests use.

[Collection(StorageCollection.Name)]
public sealed class TableAssessmentStoreContractTests(StorageFixture storage) : AssessmentStoreContract
{
    protected override IAssessmentStore Store { get; } = new TableAssessmentStore(storage.Clients);

    /// <summary>Azurite stamps rows with this machine's clock.</summary>
    protected override DateTimeOffset StoreNow => DateTimeOffset.UtcNow;
}

[Collection(StorageCollection.Name)]
public sealed class TableProductIndexContractTests(StorageFixture storage) : ProductIndexContract
{
    protected override IAssessmentStore Store { get; } = new TableAssessmentStore(storage.Clients);

    protected override IProductIndex Index { get; } = new TableProductIndex(storage.Clients);
}

[Collection(StorageCollection.Name)]
public sealed class TableReviewStoreContractTests(StorageFixture storage) : ReviewStoreContract
{
    protected override IReviewStore Store { get; } = new TableReviewStore(storage.Clients);
}

[Collection(StorageCollection.Name)]
public sealed class TableActionPlanStoreContractTests(StorageFixture storage) : ActionPlanStoreContract
{
    protected override IActionPlanStore Store { get; } = new TableActionPlanStore(storage.Clients);
}

[Collection(StorageCollection.Name)]
public sealed class TableStageMoveStoreContractTests(StorageFixture storage) : StageMoveStoreContract
{
    protected override IStageMoveStore Store { get; } = new TableStageMoveStore(storage.Clients);
}

[Collection(StorageCollection.Name)]
public sealed class StorageBatchStoreContractTests(StorageFixture storage) : BatchStoreContract
{
    protected override IBatchStore Store { get; } = new StorageBatchStore(storage.Clients);
}

[Collection(StorageCollection.Name)]
public sealed class TableModelRunStoreContractTests(StorageFixture storage) : ModelRunStoreContract
{
    protected override IModelRunStore Store { get; } = new TableModelRunStore(storage.Clients);
}

[Collection(StorageCollection.Name)]
public sealed class TableRescorePartStoreContractTests(StorageFixture storage) : RescorePartStoreContract
{
    protected override IRescorePartStore Store { get; } = new TableRescorePartStore(storage.Clients);
}

[Collection(StorageCollection.Name)]
public sealed class TableAssessmentRangesContractTests(StorageFixture storage) : AssessmentRangesContract
{
    protected override IAssessmentStore Store { get; } = new TableAssessmentStore(storage.Clients);

    protected override IAssessmentRanges Ranges { get; } = new TableAssessmentRanges(storage.Clients);
}

[Collection(StorageCollection.Name)]
public sealed class TableAdvisorSessionStoreContractTests(StorageFixture storage) : AdvisorSessionStoreContract
{
    protected override IAdvisorSessionStore Store { get; } = new TableAdvisorSessionStore(storage.Clients);
}

[Collection(StorageCollection.Name)]
public sealed class BlobSubmissionArchiveContractTests(StorageFixture storage) : SubmissionArchiveContract
{
    protected override ISubmissionArchive Archive { get; } = new BlobSubmissionArchive(storage.Clients);
}

[Collection(StorageCollection.Name)]
public sealed class BlobLeaseLockContractTests(StorageFixture storage) : DistributedLockContract
{
    protected override IDistributedLock Locks { get; } = new BlobLeaseLock(storage.Clients);
}

[Collection(StorageCollection.Name)]
public sealed class BlobProgrammeExtensionStoreContractTests(StorageFixture storage) : ProgrammeExtensionStoreContract
{
    protected override IProgrammeExtensionStore Store { get; } = new BlobProgrammeExtensionStore(storage.Clients);
}

[Collection(StorageCollection.Name)]
public sealed class StorageOutcomeSetStoreContractTests(StorageFixture storage) : OutcomeSetStoreContract
{
    protected override IOutcomeSetStore Store { get; } = new StorageOutcomeSetStore(storage.Clients, Core.Questionnaire.QuestionnaireSchema.V1);
}
