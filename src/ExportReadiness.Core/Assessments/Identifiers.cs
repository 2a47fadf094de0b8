namespace ExportReadiness.Core.Assessments;

/// <summary>
/// What an id or programme name may be, wherever it comes from (a request, a queue message, a CSV cell): the
/// rule every store and every URL can carry. Table Storage's key rule (no / \ # ? or control characters, at
/// most 1 KiB) is its strictest form, so it is the domain's rule, checked before anything reaches a store.
/// </summary>
public static class Identifiers
{
    public const int MaxLength = 512;

    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= MaxLength } && !id.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
}
