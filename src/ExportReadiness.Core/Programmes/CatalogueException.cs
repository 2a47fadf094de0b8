namespace ExportReadiness.Core.Programmes;

/// <summary>
/// A catalogue document that was refused, with every error found, not only the first. Its own type (InvalidDataException
/// is sealed) so a host can answer an advisor's bad upload with the errors instead of failing.
/// </summary>
public sealed class CatalogueException(IReadOnlyList<CatalogueError> errors)
    : Exception($"The programme catalogue is invalid: {string.Join("; ", errors)}")
{
    public IReadOnlyList<CatalogueError> Errors { get; } = errors;
}
