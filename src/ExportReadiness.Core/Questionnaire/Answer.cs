namespace ExportReadiness.Core.Questionnaire;

/// <summary>A validated answer: exactly one of the three values is set, matching the question's type.</summary>
public sealed record Answer(string? Choice = null, bool? YesNo = null, double? Number = null)
{
    public static Answer Of(string choice) => new(Choice: choice);
    public static Answer Of(bool yesNo) => new(YesNo: yesNo);
    public static Answer Of(double number) => new(Number: number);

    /// <summary>The value as it appears in JSON and CSV: the option value, true/false, or the number.</summary>
    public override string ToString() =>
        Choice ?? (YesNo is { } b ? (b ? "true" : "false") : Number!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
