using System.Text.Json.Serialization;

namespace ExportReadiness.Core.Scoring;

[JsonConverter(typeof(JsonStringEnumConverter<ReadinessLevel>))]
public enum ReadinessLevel
{
    NotReady,
    Emerging,
    Ready,
    ExportReady,
}

public static class ReadinessLevels
{
    /// <summary>NotReady &lt; 40 ≤ Emerging &lt; 60 ≤ Ready &lt; 80 ≤ ExportReady (DESIGN.md).</summary>
    public static ReadinessLevel FromScore(int readinessScore) => readinessScore switch
    {
        < 40 => ReadinessLevel.NotReady,
        < 60 => ReadinessLevel.Emerging,
        < 80 => ReadinessLevel.Ready,
        _ => ReadinessLevel.ExportReady,
    };
}
