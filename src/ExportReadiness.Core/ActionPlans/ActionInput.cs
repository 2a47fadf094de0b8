using System.Globalization;
using ExportReadiness.Core.Localization;
using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Core.ActionPlans;

/// <summary>What a request asks of an action; null fields are left as they are (or, when adding, take their defaults).</summary>
public sealed record ActionChange(string? Id, string? Gap, string? Title, string? Owner, DateOnly? DueDate, ActionStatus? Status);

/// <summary>
/// Reads an action's fields (as text, from a JSON body or a page's form) and names every bad one (a <see cref="Message"/>, in no language yet),
/// keyed by the field as the client sends it. Adding needs <c>gap</c> (one of the assessment's gaps),
/// <c>owner</c> and <c>dueDate</c>; a change needs <c>status</c>.
/// </summary>
public static class ActionInput
{
    public const string IdField = "id";
    public const string GapField = "gap";
    public const string TitleField = "title";
    public const string OwnerField = "owner";
    public const string DueDateField = "dueDate";
    public const string StatusField = "status";
    public const int MaxIdLength = 64;

    /// <summary>Due dates a plan can sensibly hold: nobody plans an export step for the year 9999.</summary>
    private static readonly DateOnly Earliest = new(2000, 1, 1), Latest = new(2100, 12, 31);

    public static (ActionChange Change, Dictionary<string, Message[]> Errors) Read(
        IReadOnlyDictionary<string, string?> fields, bool adding, IReadOnlyList<GapChoice> gaps)
    {
        var errors = new Dictionary<string, Message[]>(StringComparer.Ordinal);
        string? Text(string field, int max, bool required)
        {
            var text = fields.GetValueOrDefault(field)?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                if (required) errors[field] = [Messages.ValueRequired];
                return null;
            }
            if (text.Any(char.IsControl)) errors[field] = [Messages.ControlCharacters];
            else if (text.Length > max) errors[field] = [Messages.AtMostCharacters(max)];
            return text;
        }

        var id = adding ? Text(IdField, MaxIdLength, required: false) : null;
        if (id is not null && !errors.ContainsKey(IdField) && !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) errors[IdField] = [Messages.ActionIdRule];
        var gap = adding ? Text(GapField, 200, required: true) : null;
        if (gap is not null && !errors.ContainsKey(GapField) && !gaps.Any(g => g.QuestionId == gap)) errors[GapField] = [Messages.NotAGap];
        var title = Text(TitleField, PlannedAction.MaxTitleLength, required: false);
        var owner = Text(OwnerField, PlannedAction.MaxOwnerLength, required: adding);

        DateOnly? due = null;
        if (Text(DueDateField, 10, required: adding) is { } dueText && !errors.ContainsKey(DueDateField))
        {
            if (!DateOnly.TryParseExact(dueText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) errors[DueDateField] = [Messages.UseDate];
            else if (date < Earliest || date > Latest) errors[DueDateField] = [Messages.DateOutOfRange];
            else due = date;
        }

        ActionStatus? status = null;
        if (Text(StatusField, 20, required: !adding) is { } statusText && !errors.ContainsKey(StatusField))
        {
            // Names only: Enum.TryParse would take "2" or "Done, Dropped" too.
            if (Enum.GetNames<ActionStatus>().FirstOrDefault(n => string.Equals(n, statusText, StringComparison.OrdinalIgnoreCase)) is { } name) status = Enum.Parse<ActionStatus>(name);
            else errors[StatusField] = [Messages.UseOneOf(Enum.GetNames<ActionStatus>())];
        }
        return (new ActionChange(id, gap, title, owner, due, status), errors);
    }
}
