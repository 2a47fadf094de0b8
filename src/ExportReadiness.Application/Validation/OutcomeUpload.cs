using System.Text;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Core.Localization;
using ExportReadiness.Core.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExportReadiness.Application.Validation;

/// <summary>
/// An outcome file sent to the API, whether to validate the model on it (<c>POST /api/validation</c>) or to keep it as
/// training labels (<c>POST /api/outcome-sets</c>): the same size limit, the same <c>format</c> parameter, the same reading
/// as UTF-8 and the same problems naming <c>file</c> when it cannot be read.
/// </summary>
public static class OutcomeUpload
{
    /// <summary>A labelled file is read whole: at most this much, and never more than a batch file may be.</summary>
    public static int Limit(ExportReadinessOptions options) => (int)Math.Min(ValidationHandler.MaxFileBytes, options.MaxBatchBytes);

    /// <summary>The <c>format</c> parameter (absent: <see cref="OutcomeFormat.Auto"/>); false when it names no format.</summary>
    public static bool TryParseFormat(string? text, out OutcomeFormat format)
    {
        format = OutcomeFormat.Auto;
        return string.IsNullOrEmpty(text) || (Enum.TryParse(text, ignoreCase: true, out format) && Enum.IsDefined(format));
    }

    public static ValidationProblem FormatProblem(IMessageTexts texts) => Problems.Invalid("format", Messages.UseOneOf(Enum.GetNames<OutcomeFormat>()), texts);

    public static ProblemHttpResult TooLarge(int limit, IMessageTexts texts) =>
        Problems.Status(StatusCodes.Status413PayloadTooLarge, Messages.FileTooLarge, Messages.AtMostMiB(limit / (1024 * 1024)), texts);

    /// <summary>
    /// Reads the file's bytes as UTF-8 with <paramref name="read"/>; a file it cannot use, or that is not UTF-8, is a
    /// problem naming <c>file</c> (the readers' own words, in English: they quote the file's columns and codes).
    /// </summary>
    public static async Task<(T? Value, ValidationProblem? Problem)> ReadAsync<T>(byte[] content, Func<TextReader, Task<T>> read, IMessageTexts texts)
    {
        try
        {
            using var reader = new StreamReader(new MemoryStream(content), new UTF8Encoding(false, throwOnInvalidBytes: true));
            return (await read(reader), null);
        }
        catch (OutcomeFileException e)
        {
            return (default, Problems.Invalid(new Dictionary<string, string[]> { ["file"] = [.. e.Problems] }, Messages.OutcomeFileUnusable, texts));
        }
        catch (DecoderFallbackException)
        {
            return (default, Problems.Invalid("file", Messages.NotUtf8, texts));
        }
    }
}
