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

    /// <summary>The character after every line digit: a batch's rows are the keys from its prefix up to (not including) the prefix and this.</summary>
    public const char AfterLineDigits = ':';

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

    /// <summary>Lines per slice: a batch's rows are stored, indexed and sent for scoring a slice of one programme at a time.</summary>
    public const int SliceLines = 100;

    /// <summary>The slice of a line: lines 0–99 are slice 0, 100–199 slice 1, and so on.</summary>
    public static long SliceOf(long line) => line / SliceLines;

    /// <summary>
    /// The slice of a batch row's id as a key: its prefix and slice number, <c>|</c> between (a character no id has), so
    /// one entry stands for up to <see cref="SliceLines"/> rows where an entry per row stood.
    /// </summary>
    public static bool TrySliceKey(string id, out string sliceKey, out long line)
    {
        sliceKey = "";
        if (!TryParse(id, out var prefix, out line)) return false;
        sliceKey = $"{prefix}|{SliceOf(line).ToString("D6", CultureInfo.InvariantCulture)}";
        return true;
    }

    /// <summary>The first and last ids a slice key stands for (not every line of it need be a row).</summary>
    public static (string From, string Through) IdsOf(string sliceKey)
    {
        var prefix = sliceKey[..PrefixLength];
        var slice = long.Parse(sliceKey.AsSpan(PrefixLength + 1, 6), NumberStyles.None, CultureInfo.InvariantCulture);
        return (Of(prefix, slice * SliceLines), Of(prefix, slice * SliceLines + SliceLines - 1));
    }

    /// <summary>A key after every line of the batch and before any other batch's rows (':' follows '9').</summary>
    public static string After(string prefix) => prefix + ":";
}
