using ExportReadiness.Core.Localization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExportReadiness.Application.Hosting;

/// <summary>Reads a request body or uploaded file into memory, stopping as soon as it passes a limit.</summary>
public static class BoundedBody
{
    /// <summary>The bytes, or null when there are more than <paramref name="maxBytes"/> (the caller answers 413).</summary>
    public static async Task<byte[]?> ReadAsync(Stream source, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>The 413 for a body over <paramref name="maxBytes"/>, saying the limit.</summary>
    public static ProblemHttpResult TooLarge(long maxBytes, IMessageTexts texts) =>
        Problems.Status(StatusCodes.Status413PayloadTooLarge, Messages.BodyTooLarge, Messages.AtMostKiB((int)Math.Min(int.MaxValue, maxBytes / 1024)), texts);
}
