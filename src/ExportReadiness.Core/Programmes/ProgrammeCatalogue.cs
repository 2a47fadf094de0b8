using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Core.Programmes;

/// <summary>
/// The support programmes a product can be matched to: the bundled, sourced catalogue, optionally merged with an
/// advisor's extension document of the same shape. Immutable; merging returns a new catalogue, so a host can swap
/// the one in use when the extension changes without readers seeing half a merge.
/// </summary>
public sealed class ProgrammeCatalogue
{
    /// <summary>The catalogue document format this code reads, bundled and extension alike.</summary>
    public const int SchemaVersion = 1;

    public const string BundledResourceName = "programmes.support-programmes.v1.json";

    private static readonly Lazy<ProgrammeCatalogue> BundledV1 = new(() => LoadBundled(QuestionnaireSchema.V1));

    private readonly Dictionary<string, SupportProgramme> _byId;

    private ProgrammeCatalogue(QuestionnaireSchema questionnaire, IReadOnlyList<SupportProgramme> programmes)
    {
        Questionnaire = questionnaire;
        Programmes = programmes;
        _byId = programmes.ToDictionary(p => p.Id, StringComparer.Ordinal);
    }

    /// <summary>The questionnaire whose dimension, question, sector and region codes the entries use.</summary>
    public QuestionnaireSchema Questionnaire { get; }

    /// <summary>Bundled entries in file order (an override keeps its place), then the extension's new ones.</summary>
    public IReadOnlyList<SupportProgramme> Programmes { get; }

    /// <summary>The bundled catalogue, checked against the current questionnaire.</summary>
    public static ProgrammeCatalogue Bundled => BundledV1.Value;

    public SupportProgramme? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>A broken bundled file must stop the app at start, like a broken questionnaire.</summary>
    public static ProgrammeCatalogue LoadBundled(QuestionnaireSchema questionnaire)
    {
        using var stream = typeof(ProgrammeCatalogue).Assembly.GetManifestResourceStream(BundledResourceName)
            ?? throw new InvalidOperationException($"Programme catalogue resource {BundledResourceName} is missing.");
        return Parse(stream, questionnaire);
    }

    /// <summary>A whole catalogue document; throws <see cref="CatalogueException"/> naming every bad entry and field.</summary>
    public static ProgrammeCatalogue Parse(Stream json, QuestionnaireSchema questionnaire)
    {
        var entries = new CatalogueReader(questionnaire).Read(json, isExtension: false);
        return new ProgrammeCatalogue(questionnaire, entries.Select(e => e.Programme!).ToList());
    }

    /// <summary>
    /// This catalogue with an advisor's extension applied: an entry with a new id is added, one with an existing id
    /// replaces that entry whole (so a corrected source or region cannot mix with the old text), and
    /// <c>{"id": …, "withdrawn": true}</c> removes one that has ended. The extension is validated like the bundled
    /// file; nothing is merged unless all of it is valid.
    /// </summary>
    public ProgrammeCatalogue WithExtension(Stream json)
    {
        var entries = new CatalogueReader(Questionnaire).Read(json, isExtension: true);
        var unknown = entries.Where(e => e.Programme is null && !_byId.ContainsKey(e.Id))
            .Select(e => new CatalogueError(e.Id, "withdrawn", "the catalogue has no programme with this id to withdraw"))
            .ToList();
        if (unknown.Count > 0) throw new CatalogueException(unknown);

        var changes = entries.ToDictionary(e => e.Id, e => e.Programme, StringComparer.Ordinal);
        var merged = Programmes
            .Select(p => changes.TryGetValue(p.Id, out var replacement) ? replacement : p)
            .OfType<SupportProgramme>()
            .Concat(entries.Where(e => !_byId.ContainsKey(e.Id)).Select(e => e.Programme!))
            .ToList();
        return new ProgrammeCatalogue(Questionnaire, merged);
    }
}
