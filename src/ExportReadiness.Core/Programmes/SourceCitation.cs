namespace ExportReadiness.Core.Programmes;

/// <summary>
/// Where a programme's description comes from: the page, what it says, and when it was read. Every entry needs one,
/// because an advisor must be able to check an offer before passing it on to a company.
/// </summary>
public sealed record SourceCitation(string Url, string Says, DateOnly Accessed);
