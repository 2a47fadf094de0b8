namespace ExportReadiness.Core.Scoring;

/// <summary>
/// A model's bytes are not the ones that were published: their SHA-256 differs from the one recorded at publish.
/// The model is refused, whatever it would score.
/// </summary>
public sealed class ModelIntegrityException(string version, string recorded, string found)
    : Exception($"Model {version} is not the one published: its SHA-256 is {found}, {recorded} was recorded at publish.")
{
    public string Version { get; } = version;
}
