namespace ExportReadiness.Storage;

/// <summary>The names of every container, queue and table, as DESIGN.md fixes them.</summary>
public static class StorageNames
{
    public const string ConnectionSetting = "AzureWebJobsStorage";
    public const string DevelopmentConnection = "UseDevelopmentStorage=true";

    public const string SubmissionsContainer = "submissions";
    public const string ModelsContainer = "models";
    public const string BatchesContainer = "batches";

    /// <summary>Empty blobs whose leases are the cross-instance locks (one rescore run at a time).</summary>
    public const string LocksContainer = "locks";

    /// <summary>The data-protection key ring shared by every instance (session cookies, antiforgery tokens).</summary>
    public const string DataProtectionContainer = "dataprotection";

    /// <summary>The advisors' extension of the bundled support-programme catalogue, one document.</summary>
    public const string ProgrammesContainer = "programmes";
    public const string ProgrammeExtensionBlob = "extension.json";

    /// <summary>Kept outcome sets' labelled rows, <c>outcomesets/{id}/rows.csv</c>.</summary>
    public const string OutcomeSetsContainer = "outcomesets";

    public const string ScoringQueue = "assessments-to-score";
    /// <summary>Where the Functions host (and the standalone worker) moves a message that keeps failing.</summary>
    public const string PoisonSuffix = "-poison";

    public const string ScoringPoisonQueue = ScoringQueue + PoisonSuffix;

    /// <summary>One message per uploaded batch file to split into assessments.</summary>
    public const string BatchQueue = "batches-to-ingest";
    public const string BatchPoisonQueue = BatchQueue + PoisonSuffix;

    /// <summary>One message per part of a rescore run, <c>{"runId", "partId"}</c>, taken up by any instance.</summary>
    public const string RescorePartsQueue = "rescore-parts";
    public const string RescorePartsPoisonQueue = RescorePartsQueue + PoisonSuffix;

    public const string AssessmentsTable = "Assessments";

    /// <summary>Maps an assessment id to its programme (PartitionKey), so a lookup by id is a point read, not a scan.</summary>
    public const string AssessmentIndexTable = "AssessmentIndex";

    /// <summary>
    /// A product's re-assessments: PartitionKey = product id (its first assessment's id), RowKey = assessment id,
    /// with the programme, so a product's history is one partition query and point reads.
    /// </summary>
    public const string ProductIndexTable = "ProductIndex";

    /// <summary>
    /// The pending index, the sweep's outbox: one row per assessment waiting to be scored, PartitionKey = the minute of its
    /// SubmittedAt (<c>yyyyMMddHHmm</c>), RowKey = assessment id, with its programme. Written before the Pending row,
    /// deleted once the assessment is scored or failed, so the sweep reads a key range of waiting rows, not the table.
    /// </summary>
    public const string PendingScoringTable = "PendingScoring";

    /// <summary>The programmes that have report tallies (one partition, RowKey = programme): a report over every programme reads this first.</summary>
    public const string TalliedProgrammesTable = "TalliedProgrammes";

    public const string ReviewsTable = "Reviews";

    /// <summary>Advisors' moves of a product through the funnel: PartitionKey = product id, one row per (date, stage).</summary>
    public const string ProductStagesTable = "ProductStages";
    public const string BatchesTable = "Batches";
    public const string ModelRunsTable = "ModelRuns";

    /// <summary>The parts of each rescore run with their progress: PartitionKey = run id, RowKey = part id.</summary>
    public const string RescorePartsTable = "RescoreParts";

    /// <summary>Signed-in advisor sessions: a session cookie counts only while its row is here.</summary>
    public const string AdvisorSessionsTable = "AdvisorSessions";

    /// <summary>Products' action plans: PartitionKey = product id, RowKey = action id.</summary>
    public const string ActionPlansTable = "ActionPlans";

    /// <summary>Outcome files kept as training labels: one partition, RowKey = the set's id (a digest of the file).</summary>
    public const string OutcomeSetsTable = "OutcomeSets";

    /// <summary>Who read or changed which product: PartitionKey = month (<c>yyyyMM</c>), kept for its own configured time.</summary>
    public const string AccessLogTable = "AccessLog";

    /// <summary>
    /// One row per erased product (PartitionKey = product id): when, by whom, why and how many records were removed; no
    /// personal data. Later writes about the product check it, so nothing an erasure removed is written again.
    /// </summary>
    public const string ErasuresTable = "Erasures";

    public static readonly string[] Containers = [SubmissionsContainer, ModelsContainer, BatchesContainer, LocksContainer, DataProtectionContainer, ProgrammesContainer, OutcomeSetsContainer];
    public static readonly string[] Queues = [ScoringQueue, ScoringPoisonQueue, BatchQueue, BatchPoisonQueue, RescorePartsQueue, RescorePartsPoisonQueue];
    public static readonly string[] Tables = [AssessmentsTable, AssessmentIndexTable, ProductIndexTable, PendingScoringTable, TalliedProgrammesTable, ReviewsTable, ProductStagesTable, BatchesTable, ModelRunsTable, RescorePartsTable, AdvisorSessionsTable, ActionPlansTable, OutcomeSetsTable, ErasuresTable, AccessLogTable];
}
