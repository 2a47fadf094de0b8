namespace ExportReadiness.Storage;

/// <summary>Table Storage key rules: no / \ # ? and no control characters, at most 1 KiB.</summary>
public static class TableKeys
{
    /// <summary>Table Storage accepts at most 100 operations in one transaction.</summary>
    public const int MaxTransactionSize = 100;

    public static bool IsValid(string key) =>
        key.Length is > 0 and <= 512 && !key.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
}
