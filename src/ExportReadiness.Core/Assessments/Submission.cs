using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Core.Assessments;

/// <summary>A questionnaire that passed validation: every answer is known, typed and in range.</summary>
public sealed record Submission(
    int SchemaVersion,
    string Programme,
    CompanyProfile Company,
    ProductInfo Product,
    IReadOnlyDictionary<string, Answer> Answers)
{
    public const string DefaultProgramme = "default";
}
