namespace ExportReadiness.Testing;

/// <summary>A clock that always reads the instant the test chose: "now" never comes from the wall clock.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
