namespace ExportReadiness.Application.Hosting;

/// <summary>The versions clients send in If-Match: Table Storage's ETags are weak, and clients send them with or without the W/ prefix.</summary>
public static class EntityVersion
{
    public static bool Same(string presented, string? current) => current is not null && Strip(presented) == Strip(current);

    private static string Strip(string etag) => etag.StartsWith("W/", StringComparison.Ordinal) ? etag[2..] : etag;
}
