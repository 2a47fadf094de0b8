using ExportReadiness.Core.Training;

namespace ExportReadiness.LocalHost.Tests;

public static class RescoreRuns
{
    /// <summary>The run once its parts have all settled (re-scored by whichever queue worker took them) and it has ended.</summary>
    public static async Task<ModelRun> SettledAsync(this IServiceProvider services, ModelRun? run, int seconds = 180)
    {
        Assert.NotNull(run);
        var runs = services.GetRequiredService<IModelRunStore>();
        var settled = run;
        await Until.TrueAsync(async () => (settled = await runs.GetAsync(run.Id, default))!.Status != ModelRunStatus.Running, $"run {run.Id} has ended", seconds);
        return settled!;
    }
}
