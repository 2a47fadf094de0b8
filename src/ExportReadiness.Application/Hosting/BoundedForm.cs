using ExportReadiness.Application.Localization;
using ExportReadiness.Core.Localization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExportReadiness.Application.Hosting;

/// <summary>
/// Reads a form (url-encoded or multipart) within limits of its own. The framework's defaults let one form hold
/// 1,024 fields of 4 MiB each, all in memory, and antiforgery reads the form of any post that lacks its header:
/// so every form this app reads goes through here first, and later reads (antiforgery's too) get the one read here.
/// </summary>
public static class BoundedForm
{
    /// <summary>What a problem with a page form's body names.</summary>
    public const string Field = "form";

    /// <summary>More fields than any of the app's forms has (the action-plan form has seven).</summary>
    public const int MaxFields = 32;

    /// <summary>The longest text field: a plan action's title or an advisor key fits many times over.</summary>
    public const int MaxFieldChars = 8 * 1024;

    /// <summary>
    /// The form, or the problem that ends the request: a body over <paramref name="maxBytes"/> is 413 (a url-encoded
    /// one is counted as it arrives, whatever its Content-Length says); too many or too long fields, or a multipart
    /// body that cannot be read, a 400 naming <paramref name="field"/>. A multipart file part may take the whole limit.
    /// </summary>
    public static async Task<(IFormCollection? Form, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, long maxBytes, string field, CancellationToken cancellationToken)
    {
        var texts = ApiMessages.Of(request);
        if (request.HttpContext.Features.Get<IFormFeature>() is { Form: { } already }) return (already, null);
        if (!request.HasFormContentType)
            return (null, Problems.Status(StatusCodes.Status415UnsupportedMediaType, Messages.UnsupportedMediaType, null, texts));
        if (request.ContentLength > maxBytes) return (null, BoundedBody.TooLarge(maxBytes, texts));
        var multipart = request.ContentType!.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase);
        if (!multipart)
        {
            // Url-encoded: read into memory within the limit first (the form reader would buffer it anyway).
            if (await BoundedBody.ReadAsync(request.Body, maxBytes, cancellationToken) is not { } body) return (null, BoundedBody.TooLarge(maxBytes, texts));
            request.Body = new MemoryStream(body, writable: false);
        }
        request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions
        {
            ValueCountLimit = MaxFields,
            ValueLengthLimit = MaxFieldChars,
            KeyLengthLimit = 256,
            MultipartHeadersCountLimit = 16,
            MultipartHeadersLengthLimit = 16 * 1024,
            MultipartBodyLengthLimit = maxBytes,
            BufferBodyLengthLimit = maxBytes,
        }));
        try
        {
            var form = await request.ReadFormAsync(cancellationToken);
            // The framework applies the value limits to url-encoded forms only: a multipart one's text parts are checked here.
            if (form.Count > MaxFields || form.Any(f => f.Key.Length > 256 || f.Value.Any(v => v?.Length > MaxFieldChars)))
                return (null, Problems.InvalidField(field, Messages.FormBeyondLimits(MaxFields, MaxFieldChars), texts));
            return (form, null);
        }
        catch (Exception e) when (e is InvalidDataException || (e is IOException && e is not BadHttpRequestException))
        {
            // No boundary, a part without Content-Disposition, a body cut short, a field past the limits above: the
            // client's error, never a 500. (A body over the server's own limit stays the framework's 413.)
            return (null, Problems.InvalidField(field, multipart ? Messages.UnreadableForm : Messages.FormBeyondLimits(MaxFields, MaxFieldChars), texts));
        }
    }
}
