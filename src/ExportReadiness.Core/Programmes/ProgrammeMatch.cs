namespace ExportReadiness.Core.Programmes;

/// <summary>
/// A programme offered for one product. <see cref="Relevance"/> is in score points: the headroom of the gaps the
/// programme names, plus half the headroom of the other gaps in the dimensions it works on. The reasons say which.
/// </summary>
public sealed record ProgrammeMatch(SupportProgramme Programme, double Relevance, IReadOnlyList<MatchReason> Reasons)
{
    /// <summary>The product's gaps (question ids) this programme names, largest first.</summary>
    public IEnumerable<string> Gaps => Reasons.Where(r => r.Kind == MatchReasonKind.Gap).Select(r => r.Id);
}
