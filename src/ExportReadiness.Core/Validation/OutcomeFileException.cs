namespace ExportReadiness.Core.Validation;

/// <summary>
/// An outcome file that cannot be validated at all (no outcome column, unknown columns, no scorable row). Single
/// bad rows are never this: they are reported as rejected lines. A host answers it with 400 and the problems.
/// </summary>
public sealed class OutcomeFileException : Exception
{
    public OutcomeFileException(IReadOnlyList<string> problems)
        : base(string.Join(" ", problems)) => Problems = problems;

    public OutcomeFileException(string problem) : this([problem]) { }

    public OutcomeFileException() : this("The outcome file cannot be read.") { }

    public OutcomeFileException(string message, Exception innerException) : base(message, innerException) => Problems = [message];

    public IReadOnlyList<string> Problems { get; }
}
