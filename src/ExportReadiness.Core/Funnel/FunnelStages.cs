using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Core.Funnel;

/// <summary>One stage of the funnel as configured: its id (what the API and the store speak) and its name in both languages.</summary>
public sealed record FunnelStage(string Id, LocalizedText Name);

/// <summary>
/// The configured stages, in order: a product reaches a stage when its furthest stage is at or past it. A stored
/// move may name a stage no longer configured; such an id has no place in the order and is shown as it is.
/// </summary>
public sealed class FunnelStages
{
    private readonly Dictionary<string, int> _index;

    public FunnelStages(IReadOnlyList<FunnelStage> stages)
    {
        if (stages.Count < 2) throw new ArgumentException("A funnel needs at least two stages.", nameof(stages));
        All = stages;
        _index = stages.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
    }

    /// <summary>PEGIN's path: screened, selected for development, in development, export-ready, exporting.</summary>
    public static FunnelStages Default { get; } = new(
    [
        new("screened", new("Screenad", "Screened")),
        new("selected", new("Utvald för utveckling", "Selected for development")),
        new("in-development", new("Under utveckling", "In development")),
        new("export-ready", new("Exportmogen", "Export-mature")),
        new("exporting", new("Exporterar", "Exporting")),
    ]);

    public IReadOnlyList<FunnelStage> All { get; }

    /// <summary>Where every product starts: the first assessment is its screening.</summary>
    public FunnelStage First => All[0];

    public IEnumerable<string> Ids => All.Select(s => s.Id);

    /// <summary>The stage's place in the order, or -1 for an id no longer configured.</summary>
    public int IndexOf(string id) => _index.GetValueOrDefault(id, -1);

    public bool IsConfigured(string id) => _index.ContainsKey(id);

    /// <summary>The stage's name in <paramref name="lang"/>, or its id when it is no longer configured.</summary>
    public string NameOf(string id, string lang) => _index.TryGetValue(id, out var i) ? All[i].Name.In(lang) : id;
}
