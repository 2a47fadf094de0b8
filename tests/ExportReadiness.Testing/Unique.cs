using ExportReadiness.Core.Assessments;

namespace ExportReadiness.Testing;

/// <summary>
/// Names no other test uses, so a test that counts or lists rows under its programme sees its own rows only,
/// however many tests share the storage and in whatever order they run.
/// </summary>
public static class Unique
{
    /// <summary><paramref name="name"/> and eight random hex digits (<c>shed-held-1f0c9a2b</c>): a valid programme, a Table Storage key.</summary>
    public static string Programme(string name)
    {
        var programme = $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)];
        return SubmissionValidator.IsValidProgramme(programme)
            ? programme
            : throw new ArgumentException($"'{programme}' is no valid programme: start with a letter or digit, then letters, digits, space, _ . -; at most {SubmissionValidator.MaxProgrammeLength} characters.", nameof(name));
    }
}
