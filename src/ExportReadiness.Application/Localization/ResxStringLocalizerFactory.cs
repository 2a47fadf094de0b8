using Microsoft.Extensions.Localization;

namespace ExportReadiness.Application.Localization;

/// <summary>
/// <see cref="IStringLocalizer{T}"/> over the <see cref="TextCatalog"/>: a type's texts are the files named for it
/// (<c>IStringLocalizer&lt;SmeTexts&gt;</c> reads <c>SmeTexts*.resx</c>).
/// </summary>
public sealed class ResxStringLocalizerFactory(TextCatalog catalog) : IStringLocalizerFactory
{
    public IStringLocalizer Create(Type resourceSource) => new ResxStringLocalizer(catalog, resourceSource.Name);

    public IStringLocalizer Create(string baseName, string location) => new ResxStringLocalizer(catalog, baseName.Split('.')[^1]);
}
