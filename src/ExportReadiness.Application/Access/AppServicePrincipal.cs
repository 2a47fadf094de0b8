using System.Security.Claims;
using System.Text;
using System.Text.Json;

namespace ExportReadiness.Application.Access;

/// <summary>
/// The user App Service Authentication (Easy Auth) signed in, as the platform passes it: base64 JSON in
/// <c>X-MS-CLIENT-PRINCIPAL</c> with <c>auth_typ</c>, <c>name_typ</c>, <c>role_typ</c> and <c>claims[{typ, val}]</c>.
/// The platform strips this header from outside requests only while authentication is on, so it is read only
/// when <see cref="AppServiceAuthentication"/> says the platform is in front.
/// </summary>
public static class AppServicePrincipal
{
    public const string Header = "X-MS-CLIENT-PRINCIPAL";

    /// <summary>
    /// The identity in the header, or null when it is absent or not what the platform writes. Entra ID puts app
    /// roles in <c>roles</c> claims while <c>role_typ</c> names the long role URI, and <c>name_typ</c> may name a
    /// claim the token lacks: roles are read under any of those types, the name from the first type present.
    /// </summary>
    public static ClaimsIdentity? Read(string? header, string authenticationType)
    {
        if (string.IsNullOrWhiteSpace(header) || header.Length > 64 * 1024) return null;
        try
        {
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(header)));
            var root = document.RootElement;
            var claims = new List<Claim>();
            if (root.TryGetProperty("claims", out var list) && list.ValueKind == JsonValueKind.Array)
                foreach (var claim in list.EnumerateArray())
                    if (Text(claim, "typ") is { } type && Text(claim, "val") is { } value) claims.Add(new Claim(type, value));

            string[] roleTypes = [Text(root, "role_typ") ?? ClaimTypes.Role, "roles", ClaimTypes.Role];
            var nameType = new[] { Text(root, "name_typ"), "name", "preferred_username", ClaimTypes.Name, ClaimTypes.Upn, ClaimTypes.Email }
                .FirstOrDefault(t => t is not null && claims.Any(c => c.Type == t && c.Value.Length > 0));
            if (nameType is null) return null;
            claims.AddRange(claims.Where(c => roleTypes.Contains(c.Type) && c.Type != ClaimTypes.Role).Select(c => new Claim(ClaimTypes.Role, c.Value)).ToList());
            return new ClaimsIdentity(claims, authenticationType, nameType, ClaimTypes.Role);
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException or DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>What the platform sends for an Entra ID user with app roles: for tests and for documentation.</summary>
    public static string Encode(string name, params string[] roles)
    {
        var claims = new List<object> { new { typ = "name", val = name }, new { typ = "preferred_username", val = name } };
        claims.AddRange(roles.Select(r => new { typ = "roles", val = r }));
        var json = JsonSerializer.Serialize(new
        {
            auth_typ = "aad",
            name_typ = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
            role_typ = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
            claims,
        });
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
    }

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
