using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Batches;
using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Core.Validation;

/// <summary>A company read from an outcome file, ready to score: its line, profile, answers and outcome.</summary>
internal sealed record LabelledCompany(long Line, CompanyProfile Company, IReadOnlyDictionary<string, Answer> Answers, bool Outcome);

/// <summary>What a reader made of a file: the rows to score, the rows it refused and anything a reader of the report must know.</summary>
internal sealed record OutcomeFile(string Format, IReadOnlyList<LabelledCompany> Rows, IReadOnlyList<RejectedRow> Rejected, IReadOnlyList<string> Notes);

/// <summary>The formats <see cref="OutcomeValidator"/> reads.</summary>
public enum OutcomeFormat
{
    /// <summary>WBES when the header has the survey's <c>a4a</c> and <c>d3c</c> columns, otherwise batch.</summary>
    Auto,

    /// <summary>The advisor batch-upload CSV plus an <c>outcome</c> column.</summary>
    Batch,

    /// <summary>A CSV export of a World Bank Enterprise Surveys country file, read through the shipped mapping.</summary>
    Wbes,
}

/// <summary>An outcome file read for training: its format, its labelled rows, the rows refused and notes for a reader.</summary>
public sealed record OutcomeLabels(string Format, IReadOnlyList<Training.LabelledAssessment> Rows, IReadOnlyList<RejectedRow> Rejected, IReadOnlyList<string> Notes);
