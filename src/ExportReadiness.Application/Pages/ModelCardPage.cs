using ExportReadiness.Application.Learning;
using ExportReadiness.Application.Pages.Reports;

namespace ExportReadiness.Application.Pages;

/// <summary>
/// The model card for advisors (<c>/advisor/model</c>): <see cref="ModelCardView"/> of the API's <see cref="ModelCard"/>,
/// or a 404 page saying no model is published yet.
/// </summary>
public sealed class ModelCardPage(ModelCardReader cards)
{
    public async Task<IResult> Show(HttpRequest request, CancellationToken cancellationToken) =>
        await cards.ReadAsync(cancellationToken) is { } card
            ? Page.Of<ModelCardView>(new Dictionary<string, object?> { [nameof(ModelCardView.Card)] = card })
            : Page.Of<ModelCardView>(status: StatusCodes.Status404NotFound);
}
