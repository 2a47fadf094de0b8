using ExportReadiness.Core.Localization;

namespace ExportReadiness.Core.Assessments;

/// <summary>
/// Either a valid submission or the errors keyed by field path, in the shape of problem details. Each error is a
/// <see cref="Message"/>; the caller turns it into text in the language it answers in, the keys are the same in all.
/// </summary>
public sealed record ValidationOutcome(Submission? Submission, IReadOnlyDictionary<string, Message[]> Messages)
{
    public bool IsValid => Submission is not null;

    /// <summary>The messages as text (<paramref name="texts"/>' language), keyed by the same fields.</summary>
    public Dictionary<string, string[]> In(IMessageTexts texts) => texts.In(Messages);
}

internal sealed class ErrorCollector
{
    private readonly Dictionary<string, List<Message>> _errors = new(StringComparer.Ordinal);

    public int Count => _errors.Count;

    public void Add(string field, Message message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    public bool Has(string field) => _errors.ContainsKey(field);

    public ValidationOutcome Outcome(Submission? submission) =>
        new(submission, _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
}
