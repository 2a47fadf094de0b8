using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ExportReadiness.Functions.Hosting;

/// <summary>Advisors authenticate with a key in <c>x-functions-key</c>, as Azure Functions function keys are sent.</summary>
public sealed class AdvisorAccess(IOptionsMonitor<ExportReadinessOptions> options)
{
    public const string KeyHeader = "x-functions-key";

    /// <summary>The advisor pages keep the key in an HttpOnly, SameSite=Strict cookie after sign-in.</summary>
    public const string KeyCookie = "advisor_key";

    public bool IsAdvisor(HttpRequest request)
    {
        var presented = request.Headers[KeyHeader].ToString();
        if (presented.Length == 0) presented = request.Cookies[KeyCookie] ?? "";
        return IsValidKey(presented);
    }

    public bool IsValidKey(string presented)
    {
        if (presented.Length == 0) return false;
        var presentedBytes = Encoding.UTF8.GetBytes(presented);
        var match = false;
        // Compare against every key in constant time, so timing does not reveal which prefix matched.
        foreach (var key in options.CurrentValue.AdvisorKeys())
            match |= CryptographicOperations.FixedTimeEquals(presentedBytes, Encoding.UTF8.GetBytes(key));
        return match;
    }
}

public static class AdvisorAccessEndpointExtensions
{
    /// <summary>Refuses the endpoints of the group with 401 problem details unless an advisor key is presented.</summary>
    public static TBuilder RequireAdvisor<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
            context.HttpContext.RequestServices.GetRequiredService<AdvisorAccess>().IsAdvisor(context.HttpContext.Request)
                ? await next(context)
                : Problems.Status(StatusCodes.Status401Unauthorized, "An advisor key is required.", $"Send it in the {AdvisorAccess.KeyHeader} header."));
}
