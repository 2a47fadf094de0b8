using ExportReadiness.Core.Assessments;
using Xunit;

namespace ExportReadiness.Testing.Contracts;

/// <summary>What every <see cref="IAssessmentRanges"/> answers from its store's keys: programmes and ids in order, stale rows of a range.</summary>
public abstract class AssessmentRangesContract
{
    protected abstract IAssessmentStore Store { get; }

    protected abstract IAssessmentRanges Ranges { get; }

    private async Task AddAsync(string programme, string id, string? modelVersion)
    {
        var assessment = AssessmentBuilder.Mixed().InProgramme(programme).ToAssessment(id: id, submittedAt: DateTimeOffset.UtcNow);
        await Store.AddAsync(modelVersion is null ? assessment : assessment with { Status = AssessmentStatus.Scored, Result = ContractData.Result(50, modelVersion) }, default);
    }

    [Fact]
    public async Task Programmes_and_first_ids_are_found_in_key_order()
    {
        var stem = $"ranges-{Guid.NewGuid():N}";
        await AddAsync($"{stem}-a", $"{stem}-3", "old");
        await AddAsync($"{stem}-a", $"{stem}-7", "old");
        await AddAsync($"{stem}-b", $"{stem}-1", null);

        Assert.Equal($"{stem}-a", await Ranges.NextProgrammeAsync($"{stem}-", default));
        Assert.Equal($"{stem}-b", await Ranges.NextProgrammeAsync($"{stem}-a", default));
        Assert.Equal($"{stem}-3", await Ranges.FirstIdAsync($"{stem}-a", "", default));
        Assert.Equal($"{stem}-7", await Ranges.FirstIdAsync($"{stem}-a", $"{stem}-4", default));
        Assert.Null(await Ranges.FirstIdAsync($"{stem}-a", $"{stem}-8", default));
    }

    [Fact]
    public async Task A_ranges_stale_rows_are_its_scored_rows_of_another_model_in_id_order()
    {
        var programme = $"ranges-{Guid.NewGuid():N}";
        await AddAsync(programme, "a1", "old");
        await AddAsync(programme, "a2", "new");
        await AddAsync(programme, "a3", null);
        await AddAsync(programme, "a4", "old");
        await AddAsync(programme, "b1", "old");

        var stale = new List<string>();
        await foreach (var a in Ranges.StaleAsync(programme, "a", "b", "new", default)) stale.Add(a.Id);
        var toEnd = new List<string>();
        await foreach (var a in Ranges.StaleAsync(programme, "a4", null, "new", default)) toEnd.Add(a.Id);

        Assert.Equal(["a1", "a4"], stale);
        Assert.Equal(["a4", "b1"], toEnd);
    }
}
