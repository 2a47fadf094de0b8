using ExportReadiness.Core.Funnel;

namespace ExportReadiness.Application.Funnel;

/// <summary>
/// One stay in a stage as the API shows it. The first screening, which no advisor recorded, has no note, advisor or
/// recording time.
/// </summary>
public sealed record StageEntryView(string Stage, DateOnly Date, int Days, bool Current, string? Note, string? Advisor, DateTimeOffset? RecordedAt);

public sealed record StageDays(string Stage, int Days);

/// <summary>
/// Where a product stands in the funnel: its current stage and since when, its cohort (intake year), every stay oldest
/// first, and the days spent in each stage it has been in (the current stay counted to today).
/// </summary>
public sealed record ProductStageView(
    string ProductId, string CurrentStage, DateOnly CurrentSince, int Cohort, IReadOnlyList<StageEntryView> History, IReadOnlyList<StageDays> DaysInStage);

public static class ProductStageMapping
{
    public static ProductStageView AsView(this ProductTimeline t, string productId, FunnelStages stages) => new(
        productId, t.Current.Stage, t.Current.Date, t.Cohort,
        t.Entries.Select(e => new StageEntryView(e.Stage, e.Date, e.Days, e.Current, e.Move?.Note, e.Move?.Advisor, e.Move?.RecordedAt)).ToList(),
        // Configured stages in their order, then any no longer configured, by id.
        stages.Ids.Concat(t.Entries.Select(e => e.Stage).Where(s => !stages.IsConfigured(s)).Distinct())
            .Select(s => t.DaysIn(s) is { } days ? new StageDays(s, days) : null).OfType<StageDays>().ToList());
}
