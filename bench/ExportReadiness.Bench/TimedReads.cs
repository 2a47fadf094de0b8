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
}
