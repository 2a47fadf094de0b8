using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Core.Assessments;

/// <summary>
/// Either a valid submission or the errors keyed by field path, in the shape of problem details. Each message is kept
/// in Swedish and English; the caller picks the language, the keys are the same in both.
/// </summary>
public sealed record ValidationOutcome(Submission? Submission, IReadOnlyDictionary<string, LocalizedText[]> Messages)
{
    public bool IsValid => Submission is not null;

    /// <summary>The messages in English: the API's default language, and the language of a batch's rejected rows.</summary>
    public IReadOnlyDictionary<string, string[]> Errors => In("en");

    /// <summary>The messages in <paramref name="lang"/> ("sv" or "en"), keyed by the same fields.</summary>
    public Dictionary<string, string[]> In(string lang) =>
        Messages.ToDictionary(e => e.Key, e => e.Value.Select(m => m.In(lang)).ToArray(), StringComparer.Ordinal);
}

internal sealed class ErrorCollector
{
    private readonly Dictionary<string, List<LocalizedText>> _errors = new(StringComparer.Ordinal);

    public int Count => _errors.Count;

    public void Add(string field, LocalizedText message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    public bool Has(string field) => _errors.ContainsKey(field);

    public ValidationOutcome Outcome(Submission? submission) =>
        new(submission, _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
}
