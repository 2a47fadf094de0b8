using ExportReadiness.Application.Localization;
using ExportReadiness.Core.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace ExportReadiness.Application.Hosting;

/// <summary>A CSV file sent to the API: the raw body for text/csv (or Excel's CSV type), or the first file of a multipart form (a browser upload).</summary>
public static class CsvUpload
{
    public const string Csv = "text/csv";
    public const string ExcelCsv = "application/vnd.ms-excel";
    /// <summary>A browser's file upload. The local host declares these three on its upload routes: anything else is 415 in both hosts.</summary>
    public const string Form = "multipart/form-data";

    /// <summary>The field a problem with the upload itself names.</summary>
    public const string File = "file";

    public static async Task<(Stream? File, ProblemHttpResult? Problem)> OpenAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var texts = ApiMessages.Of(request);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media))
            return (null, Unsupported(texts));
        if (media.MediaType.Equals(Csv, StringComparison.OrdinalIgnoreCase) || media.MediaType.Equals(ExcelCsv, StringComparison.OrdinalIgnoreCase))
            return (request.Body, null);
        if (media.MediaType.Equals(Form, StringComparison.OrdinalIgnoreCase))
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(cancellationToken);
            }
            catch (Exception e) when (e is InvalidDataException || (e is IOException && e is not BadHttpRequestException))
            {
                // No boundary, a part without Content-Disposition, a body cut short or never reaching its boundary: the
                // client's error, never a 500. (A body over the server's limit stays the framework's 413.)
                return (null, Problems.InvalidField(File, Messages.UnreadableForm, texts));
            }
            return form.Files.Count > 0
                ? (form.Files[0].OpenReadStream(), null)
                : (null, Problems.Status(StatusCodes.Status400BadRequest, Messages.NoFileInForm, Messages.AttachCsv, texts));
        }
        return (null, Unsupported(texts));
    }

    private static ProblemHttpResult Unsupported(IMessageTexts texts) =>
        Problems.Status(StatusCodes.Status415UnsupportedMediaType, Messages.UnsupportedMediaType, Messages.SendCsv, texts);
}
