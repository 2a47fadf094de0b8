using System.Globalization;
using ExportReadiness.Application.Pages;
using Microsoft.AspNetCore.Components;

namespace ExportReadiness.Application.Tests.Pages;

/// <summary>A component on its own (a chart, a section), rendered as a page renders it: in a request's context and language.</summary>
public static class Components
{
    public static Task<string> RenderAsync<TComponent>(this ApplicationUnderTest app, IReadOnlyDictionary<string, object?> parameters, string lang = "sv")
        where TComponent : IComponent =>
        PageResult.RenderAsync(new PageContext(app.Get($"/?lang={lang}"), CultureInfo.GetCultureInfo(lang)), typeof(TComponent), parameters);
}
