using ExportReadiness.Application.Access;
using ExportReadiness.Application.Hosting;
using Microsoft.Extensions.Options;

namespace ExportReadiness.Application.Pages;

/// <summary>
/// A page form's post, read the one way every SME form is: a form body (else 415) no larger than a JSON body and
/// within <see cref="BoundedForm"/>'s field limits (else 413, or 400 naming <c>form</c>), carrying the page's
/// antiforgery token (else 400). The form is read before antiforgery looks into it, so that read is bounded too.
/// </summary>
public sealed class PageForms(AdvisorAntiforgery antiforgery, IOptions<ExportReadinessOptions> options)
{
    public async Task<(IFormCollection? Form, IResult? Refused)> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (form, unread) = await BoundedForm.ReadAsync(context.Request, options.Value.MaxRequestBodyBytes, BoundedForm.Field, cancellationToken);
        if (unread is not null) return (null, unread);
        if (await antiforgery.ValidateAsync(context) is { } forged) return (null, forged);
        return (form, null);
    }
}
