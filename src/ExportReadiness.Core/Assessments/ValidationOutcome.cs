namespace ExportReadiness.Core.Assessments;

/// <summary>Either a valid submission or the errors keyed by field path, in the shape of problem details.</summary>
public sealed record ValidationOutcome(Submission? Submission, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool IsValid => Submission is not null;
}

internal sealed class ErrorCollector
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public int Count => _errors.Count;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    public bool Has(string field) => _errors.ContainsKey(field);

    public ValidationOutcome Outcome(Submission? submission) =>
        new(submission, _errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
}
