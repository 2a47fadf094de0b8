using System.Globalization;
using Microsoft.Extensions.Localization;

namespace ExportReadiness.Application.Localization;

/// <summary>One text set of the <see cref="TextCatalog"/> in the culture of the request being answered.</summary>
public sealed class ResxStringLocalizer(TextCatalog catalog, string set) : IStringLocalizer
{
    public LocalizedString this[string name] =>
        catalog.Find(set, name, CultureInfo.CurrentUICulture) is { } text ? new(name, text) : new(name, name, resourceNotFound: true);

    public LocalizedString this[string name, params object[] arguments] =>
        this[name] is { ResourceNotFound: false } format
            ? new(name, string.Format(CultureInfo.CurrentUICulture, format.Value, arguments))
            : new(name, name, resourceNotFound: true);

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        catalog.All(set, CultureInfo.CurrentUICulture).Select(t => new LocalizedString(t.Key, t.Text));
}
