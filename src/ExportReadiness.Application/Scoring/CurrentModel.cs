using ExportReadiness.Core.Scoring;
using ExportReadiness.Application.Hosting;
using Microsoft.Extensions.Options;

namespace ExportReadiness.Application.Scoring;

/// <summary>No model has been published yet: scoring must wait, not fail for good.</summary>
public sealed class ModelUnavailableException(string message) : Exception(message);

/// <summary>
/// The model this instance scores with. It follows <c>models/current</c>, re-reading the pointer at most
/// every <see cref="ExportReadinessOptions.ModelRefreshInterval"/>, so every instance picks up a newly
/// published model without a restart.
/// </summary>
public sealed partial class CurrentModel(
    IModelRepository repository,
    FeatureEncoder encoder,
    TimeProvider clock,
    IOptions<ExportReadinessOptions> options,
    ILogger<CurrentModel> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile ReadinessModel? _model;
    private DateTimeOffset _checkedAt = DateTimeOffset.MinValue;

    public ReadinessModel? Loaded => _model;

    /// <summary>The published version last refused because its file is not the one published (health shows it); null once one loads.</summary>
    public string? Refused { get; private set; }

    public async Task<ReadinessModel> GetAsync(CancellationToken cancellationToken, bool refresh = false)
    {
        if (!refresh && _model is { } model && clock.GetUtcNow() - _checkedAt < options.Value.ModelRefreshInterval) return model;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var version = await repository.GetCurrentVersionAsync(cancellationToken);
            _checkedAt = clock.GetUtcNow();
            if (version is null) return _model ?? throw new ModelUnavailableException("No model has been published yet.");
            if (_model?.Version != version)
            {
                try
                {
                    _model = await repository.LoadAsync(version, encoder.FeatureCount, cancellationToken);
                    Refused = null;
                }
                catch (ModelIntegrityException e)
                {
                    // Not the model that was published: never scored with. The one loaded before goes on scoring.
                    if (Refused != version) LogRefused(version, e.Message);
                    Refused = version;
                    return _model ?? throw new ModelUnavailableException(e.Message);
                }
                catch (InvalidDataException e)
                {
                    // A model of an earlier layout, until the bootstrapper has published one for this questionnaire.
                    throw new ModelUnavailableException($"Model {version} cannot score this questionnaire: {e.Message}");
                }
                LogLoaded(version);
            }
            return _model;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The model, waiting up to <paramref name="patience"/> for the first one to be published.</summary>
    /// <exception cref="ModelUnavailableException">None was published in that time.</exception>
    public async Task<ReadinessModel> GetWithinAsync(TimeSpan patience, CancellationToken cancellationToken)
    {
        try
        {
            return await GetAsync(cancellationToken);
        }
        catch (ModelUnavailableException)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(patience);
            try
            {
                return await WaitUntilAvailableAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ModelUnavailableException($"No model was published within {patience.TotalSeconds:F0} s.");
            }
        }
    }

    /// <summary>Waits until a model is published (on a fresh system the bootstrapper is training one).</summary>
    public async Task<ReadinessModel> WaitUntilAvailableAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await GetAsync(cancellationToken, refresh: true);
            }
            catch (ModelUnavailableException)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), clock, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Refused model {ModelVersion}: {Reason}")]
    private partial void LogRefused(string modelVersion, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded model {ModelVersion}")]
    private partial void LogLoaded(string modelVersion);
}
