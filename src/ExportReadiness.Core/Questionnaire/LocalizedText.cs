namespace ExportReadiness.Core.Questionnaire;

/// <summary>A text in the two languages the questionnaire is published in.</summary>
public sealed record LocalizedText(string Sv, string En);
