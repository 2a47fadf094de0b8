namespace ExportReadiness.Core.Privacy;

/// <summary>
/// What erasing a product did, kept after everything else about it is gone: the product's id, when, by whom (<c>sme</c>,
/// an advisor's name, or <c>retention</c>), why, and how many of each kind of record were removed. No company, product or
/// answer: the record itself must hold no personal data of the product. <see cref="Completed"/> is false while the erasure
/// runs (or after it stopped half-way, which a replay finishes).
/// </summary>
public sealed record ErasureRecord(
    string ProductId,
    DateTimeOffset ErasedAt,
    string ErasedBy,
    string Reason,
    IReadOnlyDictionary<string, int> Removed,
    bool Completed);

/// <summary>Who asks for an erasure and why; the reason is one of <see cref="ErasureReasons"/>.</summary>
public sealed record ErasureRequest(string ErasedBy, string Reason)
{
    public static readonly ErasureRequest BySme = new(ErasureReasons.Sme, ErasureReasons.SmeRequest);

    public static ErasureRequest ByAdvisor(string advisor, string reason = ErasureReasons.AdvisorRequest) => new(advisor, reason);

    public static readonly ErasureRequest ByRetention = new(ErasureReasons.Retention, ErasureReasons.Retention);
}

public static class ErasureReasons
{
    /// <summary>The holder of an assessment's token erased its product.</summary>
    public const string Sme = "sme";
    public const string SmeRequest = "sme-request";
    /// <summary>An advisor erased one product on the company's request.</summary>
    public const string AdvisorRequest = "advisor-request";
    /// <summary>An advisor erased every product of a company (matched by name).</summary>
    public const string CompanyRequest = "company-request";
    /// <summary>The retention timer: no activity for the configured years.</summary>
    public const string Retention = "retention";
}

/// <summary>The kinds of record an erasure counts in <see cref="ErasureRecord.Removed"/>.</summary>
public static class ErasedKinds
{
    public const string Assessments = "assessments";
    public const string Submissions = "submissions";
    public const string Reviews = "reviews";
    public const string StageMoves = "stageMoves";
    public const string Actions = "actions";
    public const string IndexEntries = "indexEntries";
    public const string PendingEntries = "pendingEntries";
    public const string BatchLines = "batchLines";
}
