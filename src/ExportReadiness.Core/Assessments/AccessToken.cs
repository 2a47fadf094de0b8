using System.Security.Cryptography;
using System.Text;

namespace ExportReadiness.Core.Assessments;

/// <summary>
/// The SME's private key to its own assessment. Only a SHA-256 hash is stored, so a leaked table does not
/// open any result page.
/// </summary>
public static class AccessToken
{
    public static string Create() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static bool Matches(string? token, string storedHash) =>
        !string.IsNullOrEmpty(token) && storedHash.Length > 0 &&
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(token)), Encoding.ASCII.GetBytes(storedHash));
}
