using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace ExportReadiness.Application.Hosting;

/// <summary>A CSV file sent to the API: the raw body for text/csv (or Excel's CSV type), or the first file of a multipart form (a browser upload).</summary>
public static class CsvUpload
{
    public static async Task<(Stream? File, ProblemHttpResult? Problem)> OpenAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media))
            return (null, Unsupported());
        if (media.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase) || media.MediaType.Equals("application/vnd.ms-excel", StringComparison.OrdinalIgnoreCase))
            return (request.Body, null);
        if (media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var form = await request.ReadFormAsync(cancellationToken);
            return form.Files.Count > 0
                ? (form.Files[0].OpenReadStream(), null)
                : (null, Problems.Status(StatusCodes.Status400BadRequest, "No file in the form.", "Attach the CSV as a file field."));
        }
        return (null, Unsupported());
    }

    private static ProblemHttpResult Unsupported() =>
        Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type.", "Send text/csv, or multipart/form-data with a file.");
}
