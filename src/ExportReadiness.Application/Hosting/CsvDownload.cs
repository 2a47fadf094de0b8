using ExportReadiness.Core.Batches;

namespace ExportReadiness.Application.Hosting;

/// <summary>A CSV file streamed to an advisor as a download: UTF-8 with a BOM (so Excel reads it), under a file name.</summary>
public static class CsvDownload
{
    /// <summary>Sets the headers and returns the writer of the body; the caller writes, flushes and disposes it.</summary>
    public static StreamWriter Start(HttpContext context, string fileName)
    {
        context.Response.ContentType = "text/csv; charset=utf-8";
        // A programme may be "Umeå": an ASCII filename plus filename* (RFC 6266), never a raw non-ASCII header.
        var disposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(fileName);
        context.Response.Headers.ContentDisposition = disposition.ToString();
        return new StreamWriter(context.Response.Body, AssessmentCsv.FileEncoding, leaveOpen: true);
    }
}
