using System.ComponentModel.DataAnnotations;

namespace ExportReadiness.Application.Localization;

/// <summary>Where the texts' resource files are, and the language of the ones without a culture in their name.</summary>
public sealed class TextOptions
{
    public const string Section = "Texts";

    /// <summary>
    /// The folder of <c>{Set}.resx</c> (the default language) and <c>{Set}.{culture}.resx</c> files. A language is
    /// added by putting its files here: the pages and API then offer it, with no change to the code.
    /// </summary>
    [Required]
    public string ResourcesPath { get; set; } = Path.Combine(AppContext.BaseDirectory, "Resources");

    /// <summary>The language of <c>{Set}.resx</c>, and of every page when the request names none it can have.</summary>
    [Required]
    public string DefaultCulture { get; set; } = "sv";
}
