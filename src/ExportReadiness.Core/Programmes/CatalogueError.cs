namespace ExportReadiness.Core.Programmes;

/// <summary>
/// One thing wrong in a catalogue document: the entry (its id, or its position when it has none), the field and why,
/// so an advisor can fix an extension without reading code.
/// </summary>
public sealed record CatalogueError(string Entry, string Field, string Message)
{
    public override string ToString() => $"{Entry}: {Field}: {Message}";
}
