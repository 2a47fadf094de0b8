using ExportReadiness.Core.Programmes;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Storage;
using Microsoft.Extensions.Options;

namespace ExportReadiness.Application.Programmes;

/// <summary>
/// The catalogue in use: the bundled one merged with the advisors' extension from storage. Served from memory and
/// re-read at most every <see cref="ProgrammeOptions.RefreshInterval"/>, since every result page and API answer asks
/// for it; an unchanged blob (same version) is not parsed again. A PUT on this instance replaces it at once.
/// </summary>
public sealed partial class ProgrammeCatalogueProvider(
    IProgrammeExtensionStore store,
    QuestionnaireSchema schema,
    TimeProvider clock,
    IOptions<ProgrammeOptions> options,
    ILogger<ProgrammeCatalogueProvider> logger)
{
    private sealed record Snapshot(ProgrammeMatcher Matcher, string? Version, DateTimeOffset CheckedAt);

    private readonly ProgrammeCatalogue _bundled = ProgrammeCatalogue.LoadBundled(schema);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Snapshot? _current;

    /// <summary>A matcher over the merged catalogue (the catalogue itself is <see cref="ProgrammeMatcher.Catalogue"/>).</summary>
    public async Task<ProgrammeMatcher> MatcherAsync(CancellationToken cancellationToken)
    {
        if (Fresh(_current) is { } fresh) return fresh;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have refreshed it while this one waited.
            if (Fresh(_current) is { } refreshed) return refreshed;
            var previous = _current;
            StoredExtension? stored;
            try
            {
                stored = await store.GetAsync(cancellationToken);
            }
            catch (Exception e) when (previous is not null && StorageClients.IsUnavailable(e))
            {
                // The programmes are a part of a page, not worth failing it for: keep the last catalogue read.
                LogKeptPrevious(e);
                _current = previous with { CheckedAt = clock.GetUtcNow() };
                return previous.Matcher;
            }
            _current = Merge(stored, previous);
            return _current.Matcher;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Checks an advisor's extension against the bundled catalogue and, only if all of it is valid, stores it and uses
    /// it from now on. Returns the merged catalogue.
    /// </summary>
    /// <exception cref="CatalogueException">The extension is invalid; nothing was stored.</exception>
    public async Task<ProgrammeCatalogue> SaveExtensionAsync(ReadOnlyMemory<byte> json, string advisor, CancellationToken cancellationToken)
    {
        var merged = _bundled.WithExtension(new MemoryStream(json.ToArray(), writable: false));
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var version = await store.SaveAsync(json, cancellationToken);
            _current = new Snapshot(new ProgrammeMatcher(merged), version, clock.GetUtcNow());
            LogSaved(advisor, merged.Programmes.Count, version);
            return merged;
        }
        finally
        {
            _gate.Release();
        }
    }

    private ProgrammeMatcher? Fresh(Snapshot? snapshot) =>
        snapshot is not null && clock.GetUtcNow() - snapshot.CheckedAt < options.Value.RefreshInterval ? snapshot.Matcher : null;

    private Snapshot Merge(StoredExtension? stored, Snapshot? previous)
    {
        var now = clock.GetUtcNow();
        if (stored is null) return new Snapshot(new ProgrammeMatcher(_bundled), null, now);
        if (previous is not null && previous.Version == stored.Version) return previous with { CheckedAt = now };
        try
        {
            return new Snapshot(new ProgrammeMatcher(_bundled.WithExtension(new MemoryStream(stored.Json.ToArray(), writable: false))), stored.Version, now);
        }
        catch (CatalogueException e)
        {
            // Every stored extension was valid when it was written; it fails now only if the questionnaire lost a code
            // it uses. The bundled programmes are still right, so serve those and say which entries need fixing.
            foreach (var error in e.Errors) LogInvalidStored(error.Entry, error.Field, error.Message);
            return new Snapshot(new ProgrammeMatcher(_bundled), stored.Version, now);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Programme catalogue extension saved by {Advisor}: {Programmes} programmes in use, version {Version}")]
    private partial void LogSaved(string advisor, int programmes, string version);

    [LoggerMessage(Level = LogLevel.Error, Message = "The stored programme extension no longer fits the questionnaire, serving the bundled catalogue: {Entry}: {Field}: {Problem}")]
    private partial void LogInvalidStored(string entry, string field, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage unavailable while re-reading the programme extension; keeping the catalogue read before")]
    private partial void LogKeptPrevious(Exception exception);
}
