using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ExportReadiness.LocalHost.Tests.Browser;

/// <summary>
/// What a person would check of a printed report without opening it: how many pages, and their size.
/// Chromium writes page dictionaries uncompressed, so the page objects and their MediaBox can be read
/// straight from the bytes.
/// </summary>
public sealed partial record PrintedPdf(int PageCount, IReadOnlyList<(int Width, int Height)> PageSizesInPoints)
{
    public static PrintedPdf Read(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        if (!text.StartsWith("%PDF-", StringComparison.Ordinal))
            throw new InvalidDataException("Not a PDF file.");
        var sizes = MediaBox().Matches(text)
            .Select(m => ((int)Math.Round(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)),
                          (int)Math.Round(double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))))
            .ToList();
        return new PrintedPdf(PageObject().Count(text), sizes);
    }

    /// <summary>Fails unless every page has a size and it is A4 portrait (595 × 842 points): not passed by finding no sizes at all.</summary>
    public void AssertEveryPageIsA4()
    {
        Assert.True(PageCount > 0, "The PDF has no pages.");
        Assert.Equal(PageCount, PageSizesInPoints.Count);
        Assert.All(PageSizesInPoints, size => Assert.Equal((595, 842), size));
    }

    [GeneratedRegex(@"/Type\s*/Page(?![s\w])")]
    private static partial Regex PageObject();

    [GeneratedRegex(@"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]")]
    private static partial Regex MediaBox();
}
