using ExportReadiness.Core.Scoring;
using ExportReadiness.Storage;
using ExportReadiness.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ExportReadiness.LocalHost.Tests;

/// <summary>
/// An upgrade: storage holds the model an earlier version published, for another feature layout. The new app
/// must not stop on it, nor score with it: it trains and publishes one for this questionnaire. Its own Azurite.
/// </summary>
public sealed class ModelUpgradeTests : IAsyncLifetime
{
    private const string OldVersion = "20250101T000000000Z-earlier-layout";
    private readonly Azurite _azurite = new();

    public Task InitializeAsync() => _azurite.StartAsync();

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    /// <summary>A real ML.NET model of three features, saved the way every model is published.</summary>
    private static BinaryData EarlierLayoutModel()
    {
        var ml = new MLContext(seed: 1);
        var schema = SchemaDefinition.Create(typeof(ReadinessExample));
        schema[nameof(ReadinessExample.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 3);
        var rows = Enumerable.Range(0, 40).Select(i => new ReadinessExample { Features = [i % 2, i % 3, i % 5], Label = i % 2 == 0 });
        var data = ml.Data.LoadFromEnumerable(rows, schema);
        var transformer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression().Fit(data);
        using var zip = new MemoryStream();
        new ReadinessModel(ml, transformer, 3, OldVersion).Save(zip);
        return BinaryData.FromBytes(zip.ToArray());
    }

    /// <summary>
    /// The model the release before this one published (FastTree, 73 features), taken from a storage account it ran
    /// on. Loading it needs Microsoft.ML.FastTree, which this version no longer ships.
    /// </summary>
    private static BinaryData PreviousReleaseModel() =>
        BinaryData.FromBytes(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "previous-release-fasttree-model.zip")));

    [Theory]
    [InlineData("earlier-layout")]
    [InlineData("previous-release")]
    public async Task A_model_published_by_an_earlier_version_is_replaced_by_one_trained_for_this_questionnaire_at_start(string kind)
    {
        var storage = StorageServiceCollectionExtensions.CreateClients(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [StorageNames.ConnectionSetting] = _azurite.ConnectionString }).Build());
        await storage.EnsureCreatedAsync(default);
        var models = storage.Container(StorageNames.ModelsContainer);
        await models.GetBlobClient($"{OldVersion}/model.zip").UploadAsync(kind == "previous-release" ? PreviousReleaseModel() : EarlierLayoutModel());
        await models.GetBlobClient("current").UploadAsync(BinaryData.FromString(OldVersion));

        await using var app = new ExportReadinessApplication(_azurite.ConnectionString);
        app.StartServer();
        var model = await app.Services.GetRequiredService<CurrentModel>().WaitUntilAvailableAsync(new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token);

        Assert.NotEqual(OldVersion, model.Version);
        Assert.Equal(model.Version, (await models.GetBlobClient("current").DownloadContentAsync()).Value.Content.ToString());
        var accepted = await app.CreateClient().SubmitAsync(AssessmentBuilder.Mixed());
        Assert.Equal(model.Version, (await app.CreateClient().WaitForStatusAsync(accepted.Id, accepted.AccessToken)).Result!.ModelVersion);
    }
}
