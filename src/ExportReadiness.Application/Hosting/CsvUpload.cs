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

    /// <summary>A file's limit with room for the multipart framing and fields around it.</summary>
    public static long Framed(long maxFileBytes) => maxFileBytes + 64 * 1024;

    /// <summary>
    /// The CSV's stream, or the problem: 415 for another type; for a form, a 400 naming <see cref="File"/> when it
    /// cannot be read (<see cref="BoundedForm"/>), has no file, more than one, or an empty one. The caller still
    /// bounds the file as it reads it (a raw text/csv body has no form reader's limit).
    /// </summary>
    public static async Task<(Stream? File, ProblemHttpResult? Problem)> OpenAsync(HttpRequest request, long maxFileBytes, CancellationToken cancellationToken)
    {
        var texts = ApiMessages.Of(request);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media))
            return (null, Unsupported(texts));
        if (media.MediaType.Equals(Csv, StringComparison.OrdinalIgnoreCase) || media.MediaType.Equals(ExcelCsv, StringComparison.OrdinalIgnoreCase))
            return (request.Body, null);
        if (!media.MediaType.Equals(Form, StringComparison.OrdinalIgnoreCase))
            return (null, Unsupported(texts));
        var (form, problem) = await BoundedForm.ReadAsync(request, Framed(maxFileBytes), File, cancellationToken);
        if (problem is not null) return (null, problem);
        return form!.Files.Count switch
        {
            0 => (null, Problems.InvalidField(File, Messages.AttachCsv, texts)),
            > 1 => (null, Problems.InvalidField(File, Messages.OneFileOnly, texts)),
            _ when form.Files[0].Length == 0 => (null, Problems.InvalidField(File, Messages.EmptyFile, texts)),
            _ => (form.Files[0].OpenReadStream(), null),
        };
    }

    private static ProblemHttpResult Unsupported(IMessageTexts texts) =>
        Problems.Status(StatusCodes.Status415UnsupportedMediaType, Messages.UnsupportedMediaType, Messages.SendCsv, texts);
}
