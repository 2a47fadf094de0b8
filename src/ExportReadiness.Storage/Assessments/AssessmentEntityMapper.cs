using System.Text.Json;
using Azure.Data.Tables;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Programmes;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Reports;
using ExportReadiness.Core.Reviews;
using ExportReadiness.Core.Scoring;

namespace ExportReadiness.Storage.Assessments;

/// <summary>
/// Maps an assessment to a Table Storage row: PartitionKey = programme, RowKey = id. Dimension scores get a
/// column each (<c>Dimension_market</c>) so reports can read and filter them without parsing JSON.
/// </summary>
public static class AssessmentEntityMapper
{
    public const string DimensionPrefix = "Dimension_";
    private static readonly JsonSerializerOptions Json = QuestionnaireSchema.JsonOptions;

    public static TableEntity ToEntity(Assessment a)
    {
        var entity = new TableEntity(a.Programme, a.Id)
        {
            ["SchemaVersion"] = a.SchemaVersion,
            ["CompanyName"] = a.Company.Name,
            ["Sector"] = a.Company.Sector,
            ["Employees"] = a.Company.Employees,
            ["TurnoverSek"] = a.Company.TurnoverSek,
            ["YearFounded"] = a.Company.YearFounded,
            ["Region"] = a.Company.Region,
            ["ExportSharePercent"] = a.Company.ExportSharePercent,
            ["ProductName"] = a.Product.Name,
            ["ProductDescription"] = a.Product.Description,
            ["AnswersJson"] = JsonSerializer.Serialize(a.Answers.ToDictionary(p => p.Key, p => AnswerJson(p.Value)), Json),
            ["SubmittedAt"] = a.SubmittedAt,
            ["AccessTokenHash"] = a.AccessTokenHash,
            ["BatchId"] = a.BatchId,
            ["ProductId"] = a.ProductId,
            ["PreviousAssessmentId"] = a.PreviousAssessmentId,
        };
        AddOutcome(entity, a);
        if (a.ConcurrencyToken is not null) entity.ETag = new Azure.ETag(a.ConcurrencyToken);
        if (a.Review is { } review)
        {
            entity["ReviewVerdict"] = review.Verdict.ToString();
            entity["ReviewNote"] = review.Note;
            entity["ReviewMessageToSme"] = review.MessageToSme;
            entity["ReviewAdvisor"] = review.Advisor;
            entity["ReviewedAt"] = review.ReviewedAt;
            entity["ReviewPreviousVerdict"] = review.PreviousVerdict?.ToString();
        }
        return entity;
    }

    /// <summary>
    /// Only the columns scoring sets: status, failure reason, result, product figures. A row that merely gains them is
    /// merged with these (its answers are not sent again), and reads back as <see cref="ToEntity"/> would have left it
    /// (a row from before a column existed keeps lacking it, which <see cref="FromEntity"/> reads as before).
    /// </summary>
    public static TableEntity OutcomeEntity(Assessment a)
    {
        var entity = new TableEntity(a.Programme, a.Id);
        AddOutcome(entity, a);
        return entity;
    }

    private static void AddOutcome(TableEntity entity, Assessment a)
    {
        entity["Status"] = a.Status.ToString();
        if (a.FailureReason is not null) entity["FailureReason"] = a.FailureReason;
        if (a.ProductFigures is { } figures) entity[ProductFiguresProperty] = FiguresJson(figures);
        if (a.Result is not { } r) return;
        entity["ReadinessScore"] = r.ReadinessScore;
        entity["Level"] = r.Level.ToString();
        entity["Probability"] = r.Probability;
        entity["ModelVersion"] = r.ModelVersion;
        entity["ScoredAt"] = r.ScoredAt;
        entity["TopGapsJson"] = JsonSerializer.Serialize(r.TopGaps, Json);
        // About 3K characters for 48 questions: well inside a property's 32K and an entity's 1 MiB.
        if (r.Explanation is not null) entity["ExplanationJson"] = JsonSerializer.Serialize(r.Explanation, Json);
        foreach (var d in r.Dimensions) entity[DimensionPrefix + d.Id] = d.Score;
    }

    public static Assessment FromEntity(TableEntity e)
    {
        var answers = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(e.GetString("AnswersJson") ?? "{}", Json)!
            .ToDictionary(p => p.Key, p => FromJson(p.Value));
        return new Assessment
        {
            Id = e.RowKey,
            Programme = e.PartitionKey,
            SchemaVersion = e.GetInt32("SchemaVersion") ?? 1,
            Company = new CompanyProfile(e.GetString("CompanyName") ?? "", e.GetString("Sector") ?? "", e.GetInt32("Employees") ?? 0,
                e.GetDouble("TurnoverSek") ?? 0, e.GetInt32("YearFounded") ?? 0, e.GetString("Region") ?? "", e.GetDouble("ExportSharePercent") ?? 0),
            Product = new ProductInfo(e.GetString("ProductName") ?? "", e.GetString("ProductDescription")),
            Answers = answers,
            SubmittedAt = e.GetDateTimeOffset("SubmittedAt") ?? e.Timestamp ?? DateTimeOffset.MinValue,
            AccessTokenHash = e.GetString("AccessTokenHash") ?? "",
            Status = Enum.TryParse<AssessmentStatus>(e.GetString("Status"), out var status) ? status : AssessmentStatus.Pending,
            FailureReason = e.GetString("FailureReason"),
            Result = ResultFrom(e),
            Review = ReviewFrom(e),
            BatchId = e.GetString("BatchId"),
            ProductId = e.GetString("ProductId"),
            PreviousAssessmentId = e.GetString("PreviousAssessmentId"),
            ProductFigures = e.GetString(ProductFiguresProperty) is { } figures ? JsonSerializer.Deserialize<ProductFigures>(figures, Json) : null,
            ConcurrencyToken = e.ETag.ToString(),
        };
    }

    /// <summary>The product's report figures, on its first assessment (<see cref="Assessment.ProductFigures"/>).</summary>
    public const string ProductFiguresProperty = "ProductFigures";

    public static string FiguresJson(ProductFigures figures) => JsonSerializer.Serialize(figures, Json);

    private static Review? ReviewFrom(TableEntity e) =>
        Enum.TryParse<Verdict>(e.GetString("ReviewVerdict"), out var verdict)
            ? new Review(e.RowKey, verdict, e.GetString("ReviewNote") ?? "", e.GetString("ReviewAdvisor") ?? "",
                e.GetDateTimeOffset("ReviewedAt") ?? DateTimeOffset.MinValue,
                Enum.TryParse<Verdict>(e.GetString("ReviewPreviousVerdict"), out var previous) ? previous : null)
            {
                MessageToSme = e.GetString("ReviewMessageToSme") ?? "",
            }
            : null;

    private static ScoringResult? ResultFrom(TableEntity e)
    {
        if (e.GetInt32("ReadinessScore") is not { } score) return null;
        var dimensions = e.Keys.Where(k => k.StartsWith(DimensionPrefix, StringComparison.Ordinal))
            .Select(k => new DimensionScore(k[DimensionPrefix.Length..], e.GetInt32(k) ?? 0)).ToList();
        return new ScoringResult(
            score,
            Enum.Parse<ReadinessLevel>(e.GetString("Level") ?? nameof(ReadinessLevel.NotReady)),
            e.GetDouble("Probability") ?? 0,
            dimensions,
            JsonSerializer.Deserialize<List<Gap>>(e.GetString("TopGapsJson") ?? "[]", Json)!,
            e.GetString("ModelVersion") ?? "",
            e.GetDateTimeOffset("ScoredAt") ?? DateTimeOffset.MinValue)
        {
            Explanation = e.GetString("ExplanationJson") is { } explanation ? JsonSerializer.Deserialize<ScoreExplanation>(explanation, Json) : null,
        };
    }

    /// <summary>The columns <see cref="GapsOf"/> reads.</summary>
    public static readonly string[] GapColumns = ["RowKey", "Sector", "Region", "ExplanationJson"];

    /// <summary>A scored row's gaps from its <see cref="GapColumns"/> alone, as <see cref="ProductGaps.Of"/> takes them from the whole row.</summary>
    public static ProductGaps? GapsOf(TableEntity e) =>
        e.GetString("ExplanationJson") is { } explanation && JsonSerializer.Deserialize<ScoreExplanation>(explanation, Json) is { } why
            ? new ProductGaps(e.GetString("Sector") ?? "", e.GetString("Region") ?? "", why, e.RowKey)
            : null;

    private static object AnswerJson(Answer a) => (object?)a.Choice ?? (object?)a.YesNo ?? a.Number!.Value;

    private static Answer FromJson(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Answer.Of(value.GetString()!),
        JsonValueKind.True or JsonValueKind.False => Answer.Of(value.GetBoolean()),
        _ => Answer.Of(value.GetDouble()),
    };
}
