using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Core.Training;

/// <summary>
/// A questionnaire with its outcome: a simulated one in the synthetic set, an advisor's verdict for a
/// reviewed assessment. <see cref="Weight"/> lets real verdicts count for more than synthetic rows.
/// </summary>
public sealed record LabelledAssessment(
    CompanyProfile Company,
    IReadOnlyDictionary<string, Answer> Answers,
    bool ExportReady,
    float Weight = 1f,
    string? Key = null);
