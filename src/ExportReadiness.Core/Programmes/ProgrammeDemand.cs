namespace ExportReadiness.Core.Programmes;

/// <summary>How many products of a cohort a programme would help, and with which of their gaps.</summary>
public sealed record ProgrammeDemand(SupportProgramme Programme, int Products, double Relevance, IReadOnlyList<GapDemand> Gaps);

/// <summary>A gap the programme names, and how many of the cohort's products it would address it for.</summary>
public sealed record GapDemand(string QuestionId, int Products);
