using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Batches;
using ExportReadiness.Core.Localization;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Scoring;

namespace ExportReadiness.Core.Validation;

/// <summary>
/// Validates a model against an agency's own outcomes: reads a labelled file (the batch CSV plus an <c>outcome</c>
/// column, or a WBES country file), scores every valid row with the model and the rubric exactly as the service
/// would, and compares the two with <see cref="OutcomeComparison"/>, overall and per sector. Host-neutral: the CLI
/// and an advisor endpoint both call <see cref="ValidateAsync"/>.
/// </summary>
public sealed class OutcomeValidator(QuestionnaireSchema schema, AssessmentScorer scorer, AssessmentCsv batchCsv, TimeProvider time)
{
    /// <summary>How many rejected rows the report lists by line; <see cref="ValidationReport.RejectedRows"/> counts them all.</summary>
    public const int ListedRejections = 100;

    /// <summary>Rows scored per model pass: each row brings one extra row per improvable answer (its gaps).</summary>
    private const int ScoringChunk = 256;

    /// <param name="csv">The labelled file; read to the end.</param>
    /// <param name="texts">The language of the reasons a questionnaire row is rejected for (the report is written in English).</param>
    /// <param name="model">The model to judge; the rubric is judged beside it on the same rows.</param>
    /// <param name="format">Which layout the file has; <see cref="OutcomeFormat.Auto"/> recognises a WBES file by its columns.</param>
    /// <param name="options">Resamples, seed, confidence; the defaults are 1,000 resamples and 95 %.</param>
    /// <param name="mapping">The WBES mapping; the shipped <see cref="WbesMapping.V1"/> unless an agency adapted one.</param>
    /// <exception cref="OutcomeFileException">The file as a whole cannot be validated (its header, or no scorable row).</exception>
    public async Task<ValidationReport> ValidateAsync(
        TextReader csv,
        IMessageTexts texts,
        ReadinessModel model,
        OutcomeFormat format = OutcomeFormat.Auto,
        ComparisonOptions? options = null,
        WbesMapping? mapping = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(model);
        options ??= new ComparisonOptions();
        var text = await csv.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        var file = Read(text, texts, format, mapping ?? WbesMapping.V1);
        if (file.Rows.Count == 0)
            throw new OutcomeFileException($"No row could be scored: {file.Rejected.Count} rejected" +
                (file.Rejected.Count > 0 ? $", the first on line {file.Rejected[0].Line}: {file.Rejected[0].Reason}" : ", and the file has no data rows."));

        var rows = Score(file.Rows, model, cancellationToken);
        var rubricProbabilities = OutcomeComparison.CrossFittedRubricProbabilities(rows, options.RubricCalibrationFolds, options.Seed);
        var overall = OutcomeComparison.Compare("all", rows, rubricProbabilities, options);
        var sectors = new List<GroupValidation>();
        foreach (var sector in schema.Sectors)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var members = Enumerable.Range(0, rows.Count).Where(i => rows[i].Sector == sector.Id).ToArray();
            if (members.Length == 0) continue;
            sectors.Add(OutcomeComparison.Compare(sector.Id, members.Select(i => rows[i]).ToArray(),
                rubricProbabilities is null ? null : members.Select(i => rubricProbabilities[i]).ToArray(), options));
        }

        return new ValidationReport
        {
            Format = file.Format,
            ModelVersion = model.Version,
            ValidatedAt = time.GetUtcNow(),
            Rows = rows.Count,
            Positives = overall.Positives,
            RejectedRows = file.Rejected.Count,
            Rejected = file.Rejected.Take(ListedRejections).ToList(),
            Method = new ValidationMethod(options.Resamples, options.Seed, options.Confidence, options.CalibrationBins, options.RubricCalibrationFolds,
                rubricProbabilities is null
                    ? "not a probability: ranking metrics only (too few rows, or a fold without both outcomes, to calibrate it)"
                    : $"Platt scaling of the rubric score, cross-fitted over {options.RubricCalibrationFolds} folds of this file"),
            Overall = overall,
            Sectors = sectors,
            Notes = file.Notes,
        };
    }

    /// <summary>
    /// The file's labelled rows for training (<see cref="Training.IOutcomeSetStore"/>), read exactly as
    /// <see cref="ValidateAsync"/> reads them, with the rows it refused and what a reader must know.
    /// </summary>
    /// <param name="texts">The language of the reasons a questionnaire row is rejected for.</param>
    /// <exception cref="OutcomeFileException">The file as a whole cannot be read, or no row has a label.</exception>
    public async Task<OutcomeLabels> ReadLabelsAsync(TextReader csv, IMessageTexts texts, OutcomeFormat format = OutcomeFormat.Auto, WbesMapping? mapping = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var file = Read(await csv.ReadToEndAsync(cancellationToken).ConfigureAwait(false), texts, format, mapping ?? WbesMapping.V1);
        if (file.Rows.Count == 0)
            throw new OutcomeFileException($"No row could be read with its outcome: {file.Rejected.Count} rejected" +
                (file.Rejected.Count > 0 ? $", the first on line {file.Rejected[0].Line}: {file.Rejected[0].Reason}" : ", and the file has no data rows."));
        return new OutcomeLabels(file.Format,
            [.. file.Rows.Select(r => new Training.LabelledAssessment(r.Company, r.Answers, r.Outcome, Key: $"line-{r.Line}"))], file.Rejected, file.Notes);
    }

    private OutcomeFile Read(string text, IMessageTexts texts, OutcomeFormat format, WbesMapping mapping)
    {
        if (format == OutcomeFormat.Auto) format = LooksLikeWbes(text, mapping) ? OutcomeFormat.Wbes : OutcomeFormat.Batch;
        return format == OutcomeFormat.Wbes
            ? new WbesOutcomeReader(schema, mapping, time).Read(text)
            : new BatchOutcomeReader(batchCsv, texts).Read(text);
    }

    private static bool LooksLikeWbes(string text, WbesMapping mapping)
    {
        var headerLine = FirstLine(text);
        var header = headerLine.TrimStart('\uFEFF').ToLowerInvariant()
            .Split(AssessmentCsv.Delimiter(headerLine)).Select(c => c.Trim().Trim('"')).ToHashSet();
        return header.Contains(mapping.Label.Variable) && header.Contains(mapping.Company.Sector.Variable);
    }

    internal static string FirstLine(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return (end < 0 ? text : text[..end]).TrimEnd('\r');
    }

    private List<OutcomeRow> Score(IReadOnlyList<LabelledCompany> companies, ReadinessModel model, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rows = new List<OutcomeRow>(companies.Count);
        foreach (var chunk in companies.Chunk(ScoringChunk))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var results = scorer.ScoreMany(model, chunk.Select(c => (c.Company, c.Answers)).ToList(), now);
            for (var i = 0; i < chunk.Length; i++)
                rows.Add(new OutcomeRow(results[i].Probability, RubricScore(results[i]), chunk[i].Outcome, chunk[i].Company.Sector));
        }
        return rows;
    }

    /// <summary>The rubric's single number as the SME sees it: the mean of the dimension scores, 0..100.</summary>
    private static double RubricScore(ScoringResult result) =>
        result.Dimensions.Count == 0 ? 0 : result.Dimensions.Average(d => d.Score);
}
