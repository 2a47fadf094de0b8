namespace ExportReadiness.Core.Questionnaire;

/// <summary>A text in the two languages the questionnaire is published in.</summary>
public sealed record LocalizedText(string Sv, string En)
{
    /// <summary>The English text for "en", Swedish otherwise (Swedish is the default language).</summary>
    public string In(string lang) => lang == "en" ? En : Sv;
}
