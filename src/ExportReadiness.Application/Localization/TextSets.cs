namespace ExportReadiness.Application.Localization;

// The text sets: each names its resource files (SmeTexts.resx in Swedish, SmeTexts.en.resx in English, …) and is the
// T of the IStringLocalizer<T> that reads them. One set per part of the service, so a translator sees one audience at a time.

/// <summary>The frame of every page (header, language links) and the pages every visitor may meet (try again, sign-in).</summary>
public sealed class SharedTexts;

/// <summary>The SME's pages: the questionnaire form, the result and its action plan.</summary>
public sealed class SmeTexts;

/// <summary>The privacy notice on the SME's form: what is kept, why, for how long, who to ask (docs/privacy.md).</summary>
public sealed class PrivacyTexts;

/// <summary>The advisors' pages: portfolio, assessment detail, funnel, programmes, plans.</summary>
public sealed class AdvisorTexts;

/// <summary>The reports and the model card.</summary>
public sealed class ReportTexts;

/// <summary>The API's messages (problem details).</summary>
public sealed class ApiTexts;
