namespace ExportReadiness.Core.Assessments;

/// <summary>Who the company is. Describes context only: export share is a feature, never the label.</summary>
public sealed record CompanyProfile(
    string Name,
    string Sector,
    int Employees,
    double TurnoverSek,
    int YearFounded,
    string Region,
    double ExportSharePercent);

public sealed record ProductInfo(string Name, string? Description = null);
