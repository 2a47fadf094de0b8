using System.Globalization;

namespace ExportReadiness.Core.Batches;

/// <summary>
/// How a batch names its assessments: the batch id's first 16 characters (hex of a digest) and the line, eight digits. A
/// batch's rows are so one run of keys in line order, which lets work over them be split by line without reading them.
/// </summary>
public static class BatchAssessmentIds
{
    public const int PrefixLength = 16;
    public const int LineDigits = 8;
    public const long MaxLine = 99_999_999;

    public static string Of(string prefix, long line) => $"{prefix}{line.ToString("D8", CultureInfo.InvariantCulture)}";

    /// <summary>Whether <paramref name="id"/> has a batch row's shape, and then its batch prefix and line.</summary>
    public static bool TryParse(string id, out string prefix, out long line)
    {
        prefix = "";
        line = 0;
        if (id.Length != PrefixLength + LineDigits || id.AsSpan(0, PrefixLength).ContainsAnyExcept("0123456789abcdef")) return false;
        if (!long.TryParse(id.AsSpan(PrefixLength), NumberStyles.None, CultureInfo.InvariantCulture, out line)) return false;
        prefix = id[..PrefixLength];
        return true;
    }

    /// <summary>A key after every line of the batch and before any other batch's rows (':' follows '9').</summary>
    public static string After(string prefix) => prefix + ":";
}
