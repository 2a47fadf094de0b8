using System.Diagnostics;

/// <summary>A GET read to its last byte, several times, as the report and page benches time them.</summary>
internal static class TimedReads
{
    /// <summary>The milliseconds of <paramref name="runs"/> reads of <paramref name="path"/>, shortest first.</summary>
    public static async Task<List<double>> SortedAsync(HttpClient client, string path, int runs)
    {
        var times = new List<double>(runs);
        for (var r = 0; r < runs; r++)
        {
            var clock = Stopwatch.StartNew();
            var response = await client.GetAsync(path);
            await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times;
    }

    /// <summary>
    /// Like <see cref="SortedAsync"/>, also timing the first byte of the body: an export that streams shows it early
    /// however long the whole file takes. Both lists shortest first.
    /// </summary>
    public static async Task<(List<double> FirstByte, List<double> Total)> FirstByteAndTotalAsync(HttpClient client, string path, int runs)
    {
        var first = new List<double>(runs);
        var total = new List<double>(runs);
        var buffer = new byte[64 * 1024];
        for (var r = 0; r < runs; r++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            var read = await body.ReadAsync(buffer);
            first.Add(clock.Elapsed.TotalMilliseconds);
            while (read > 0) read = await body.ReadAsync(buffer);
            total.Add(clock.Elapsed.TotalMilliseconds);
        }
        first.Sort();
        total.Sort();
        return (first, total);
    }
}
