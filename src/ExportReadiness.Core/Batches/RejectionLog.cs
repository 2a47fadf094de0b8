using System.Globalization;
using System.Runtime.CompilerServices;
using CsvHelper;
using CsvHelper.Configuration;

namespace ExportReadiness.Core.Batches;

/// <summary>
/// A batch's rejected lines as CSV (<c>line,reason</c>), written row by row while the batch is ingested and
/// read back the same way: a file of 50,000 bad rows is never a list in memory. The reason is kept in English
/// (<c>reason</c>) and Swedish (<c>reason_sv</c>); a file from before it had both has only the first.
/// </summary>
public sealed class RejectionLog : IAsyncDisposable
{
    private readonly CsvWriter _csv;

    private RejectionLog(TextWriter writer) => _csv = new CsvWriter(writer, CultureInfo.InvariantCulture);

    public int Count { get; private set; }

    public static async Task<RejectionLog> StartAsync(Stream target)
    {
        var log = new RejectionLog(new StreamWriter(target, AssessmentCsv.FileEncoding));
        log._csv.WriteField("line");
        log._csv.WriteField("reason");
        log._csv.WriteField(SwedishReason);
        await log._csv.NextRecordAsync();
        return log;
    }

    public async Task AddAsync(RejectedRow row)
    {
        _csv.WriteField(row.Line.ToString(CultureInfo.InvariantCulture));
        _csv.WriteField(row.Reason);
        _csv.WriteField(row.ReasonSv);
        await _csv.NextRecordAsync();
        Count++;
    }

    private const string SwedishReason = "reason_sv";

    private bool _closed;

    /// <summary>Flushes and closes the file (for a blob: commits it). Safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_closed) return;
        _closed = true;
        await _csv.DisposeAsync();
    }

    public static async IAsyncEnumerable<RejectedRow> ReadAsync(Stream source, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(source, AssessmentCsv.FileEncoding);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { HasHeaderRecord = true });
        if (!await csv.ReadAsync() || !csv.ReadHeader()) yield break;
        var bilingual = csv.HeaderRecord!.Contains(SwedishReason);
        while (await csv.ReadAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var swedish = bilingual ? csv.GetField(2) : null;
            yield return new RejectedRow(long.Parse(csv.GetField(0)!, CultureInfo.InvariantCulture), csv.GetField(1)!, string.IsNullOrEmpty(swedish) ? null : swedish);
        }
    }
}
