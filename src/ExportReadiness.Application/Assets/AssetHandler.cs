using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace ExportReadiness.Application.Assets;

/// <summary>
/// The pages' script and style sheet, embedded in this assembly: one handler serves them under
/// <c>/assets/{name}</c> in both hosts, with no content root or static-file middleware to configure.
/// </summary>
public sealed class AssetHandler
{
    private sealed record Asset(byte[] Content, string ContentType, EntityTagHeaderValue ETag);

    private static readonly FrozenDictionary<string, Asset> Assets = Load();

    public static IReadOnlyCollection<string> Names => Assets.Keys;

    public IResult Get(string name, HttpRequest request)
    {
        if (!Assets.TryGetValue(name, out var asset)) return TypedResults.NotFound();
        // Revalidated on every use (no max-age), so a deployment's new script is never hidden behind a cached one.
        if (request.Headers.IfNoneMatch.ToString() == asset.ETag.ToString()) return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Bytes(asset.Content, asset.ContentType, entityTag: asset.ETag);
    }

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(AssetHandler).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("assets/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            var type = resource.EndsWith(".css", StringComparison.Ordinal) ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
            var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"");
            assets[resource["assets/".Length..]] = new Asset(content, type, etag);
        }
        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
