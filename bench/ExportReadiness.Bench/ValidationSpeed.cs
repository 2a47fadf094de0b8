using System.Diagnostics;
using ExportReadiness.Core.Validation;
using ExportReadiness.Testing;

/// <summary>
/// How long an agency waits for a validation report: the model-against-rubric comparison with its bootstrap (1,000
/// paired resamples by default) over a file of N labelled rows, in process. The tests check what it computes and
/// that a resample allocates almost nothing; its time is measured here, never asserted.
/// </summary>
internal static class ValidationSpeed
{
    public static int Run(int rows, int runs)
    {
        var labelled = OutcomeRows.Noisy(rows, seed: 9);
        var probabilities = OutcomeComparison.CrossFittedRubricProbabilities(labelled, 5, seed: 1);
        var options = new ComparisonOptions();
        OutcomeComparison.Compare("all", labelled, probabilities, options); // JIT
        Console.WriteLine($"{rows:N0} rows, {options.Resamples:N0} resamples; {Environment.ProcessorCount} cores");
        var times = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var watch = Stopwatch.StartNew();
            OutcomeComparison.Compare("all", labelled, probabilities, options);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"Compare: median {times[times.Count / 2]:F0} ms, fastest {times[0]:F0} ms, slowest {times[^1]:F0} ms over {runs} runs");
        return 0;
    }
}
