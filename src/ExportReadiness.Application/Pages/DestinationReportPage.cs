using ExportReadiness.Application.Localization;
using ExportReadiness.Application.Pages.Reports;
using ExportReadiness.Application.Reports;
using ExportReadiness.Core.Localization;

namespace ExportReadiness.Application.Pages;

/// <summary>
/// The advisor's destination and programme report (<c>/advisor/reports/destination</c>, the API's query string) as a page:
/// <see cref="DestinationReportView"/>, or its filters with their errors (400) when they are invalid.
/// </summary>
public sealed class DestinationReportPage(DestinationReportHandlers reports)
{
    /// <summary>Shared gaps shown; the API and the CSV have every one.</summary>
    public const int GapsShown = 10;

    public async Task<IResult> Show(HttpRequest request, CancellationToken cancellationToken)
    {
        var (group, comparison, problems) = DestinationFilter.Parse(request.Query, reports.Today);
        IMessageTexts texts = ApiMessages.In(request.HttpContext.RequestServices, RequestLanguage.Of(request));
        var errors = texts.In(problems);
        if (errors.Count > 0)
            return Page.Of<DestinationReportView>(new Dictionary<string, object?>
            {
                [nameof(DestinationReportView.Group)] = group,
                [nameof(DestinationReportView.Comparison)] = comparison,
                [nameof(DestinationReportView.Errors)] = errors,
            }, StatusCodes.Status400BadRequest);

        return Page.Of<DestinationReportView>(new Dictionary<string, object?>
        {
            [nameof(DestinationReportView.Group)] = group,
            [nameof(DestinationReportView.Comparison)] = comparison,
            [nameof(DestinationReportView.Report)] = await reports.BuildAsync(group, comparison, cancellationToken),
        });
    }
}
