using System.Xml.Linq;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace ExportReadiness.Storage.Advisors;

/// <summary>
/// The ASP.NET Core data-protection key ring in blob storage, so every instance (Function App instances and
/// local hosts alike) protects and reads session cookies and antiforgery tokens with the same keys. One blob
/// per element (<c>keys/{friendlyName}.xml</c>): keys and revocations have unique names, so two instances
/// writing at once never overwrite each other and no ETag dance is needed. Data protection calls this
/// synchronously, hence the SDK's synchronous methods.
/// </summary>
public sealed class BlobKeyRepository(BlobContainerClient container) : IXmlRepository
{
    private const string Prefix = "keys/";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var elements = new List<XElement>();
        try
        {
            foreach (var item in container.GetBlobs(BlobTraits.None, BlobStates.None, Prefix, CancellationToken.None))
            {
                using var content = container.GetBlobClient(item.Name).OpenRead();
                elements.Add(XElement.Load(content));
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No container yet: no key yet. The first key written creates it.
        }
        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        var name = $"{Prefix}{(IsSafe(friendlyName) ? friendlyName : Guid.NewGuid().ToString("N"))}.xml";
        container.CreateIfNotExists();
        using var content = new MemoryStream();
        element.Save(content, SaveOptions.DisableFormatting);
        content.Position = 0;
        container.GetBlobClient(name).Upload(content, overwrite: false);
    }

    private static bool IsSafe(string? name) => !string.IsNullOrEmpty(name) && name.Length <= 200 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
