using System.Globalization;
using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Application.Pages;

/// <summary>What the pages write that is data rather than a text of theirs: the questionnaire's names, numbers as inputs and scripts read them, dates.</summary>
public static class PageFormat
{
    /// <summary>A sector's name in the page's language; the stored id if the schema lacks it.</summary>
    public static string SectorName(this QuestionnaireSchema schema, string id, string lang) => schema.FindSector(id)?.Name.In(lang) ?? id;

    /// <summary>A dimension's name in the page's language; the stored id if the schema lacks it.</summary>
    public static string DimensionName(this QuestionnaireSchema schema, string id, string lang) => schema.Dimensions.FirstOrDefault(d => d.Id == id)?.Name.In(lang) ?? id;

    public static string RegionName(this QuestionnaireSchema schema, string id, string lang) => schema.FindRegion(id)?.Name.In(lang) ?? id;

    /// <summary>A number whatever the page's language (<c>3.5</c>): what an input's value and a script read.</summary>
    public static string N(double value, string format = "0.#") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>A day as every page writes it, whatever its language (<c>2026-12-03</c>).</summary>
    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Day(DateTimeOffset at) => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A moment to the minute (<c>2026-12-03 09:47</c>).</summary>
    public static string Minute(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
