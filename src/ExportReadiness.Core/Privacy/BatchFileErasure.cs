using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using ExportReadiness.Core.Batches;

namespace ExportReadiness.Core.Privacy;

/// <summary>
/// Blanks records of a kept batch file (<c>batches/{id}/input.csv</c>), so an erased product's row is gone from it while every
/// other row keeps its line number: a batch row's id is the batch's prefix and its line, so the file must not shift. Each
/// physical line of a blanked record is left empty, and the batch reader skips an empty row.
/// </summary>
public static class BatchFileErasure
{
    /// <summary>
    /// The file with the records at <paramref name="lines"/> (numbered as <see cref="AssessmentCsv"/> numbers them: the
    /// header is line 1, a record by the line its parser reports) blanked, and how many records were.
    /// </summary>
    public static (string Text, int Blanked) Blank(string file, IReadOnlySet<long> lines)
    {
        var physical = file.Split('\n');
        var blank = new HashSet<long>();
        var blanked = 0;
        using (var reader = new StringReader(file))
        {
            var header = reader.ReadLine() ?? "";
            using var csv = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
            {
                Delimiter = AssessmentCsv.Delimiter(header),
                BadDataFound = null,
            });
            while (csv.Read())
            {
                var line = csv.RawRow + 1;
                if (!lines.Contains(line)) continue;
                // A quoted field may hold line breaks: the record then spans the lines up to the one the parser reports.
                var spanned = Math.Max(1, csv.RawRecord.TrimEnd('\n', '\r').Count(c => c == '\n') + 1);
                for (var k = 0; k < spanned; k++) blank.Add(line - k);
                blanked++;
            }
        }
        for (var i = 0; i < physical.Length; i++)
            if (blank.Contains(i + 1)) physical[i] = physical[i].EndsWith('\r') ? "\r" : "";
        return (string.Join('\n', physical), blanked);
    }
}
