using ExportReadiness.Core.Training;
using Xunit;

namespace ExportReadiness.Testing.Contracts;

/// <summary>What every <see cref="IOutcomeSetStore"/> does: a set kept once by its id, listed newest first, its rows keyed by set and line.</summary>
public abstract class OutcomeSetStoreContract
{
    protected abstract IOutcomeSetStore Store { get; }

    private static OutcomeSet NewSet(DateTimeOffset uploadedAt, int rows) => new()
    {
        Id = Guid.NewGuid().ToString("N"), Name = "Exportcheck 2025", Source = "Region Kalmar län", Definition = "exports ≥ 10 % of sales after two years",
        OutcomeDate = new DateOnly(2025, 12, 31), Format = "batch", UploadedAt = uploadedAt, UploadedBy = "Anna Lind",
        Rows = rows, Positives = 1, RejectedRows = 0,
    };

    private static IReadOnlyList<LabelledAssessment> Rows(params bool[] outcomes) =>
        [.. outcomes.Select(ready => new LabelledAssessment(AssessmentBuilder.Mixed().ToSubmission().Company, AssessmentBuilder.Mixed().ToSubmission().Answers, ready))];

    [Fact]
    public async Task A_set_is_kept_once_and_its_rows_come_back_keyed_by_set_and_line()
    {
        var set = NewSet(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(Random.Shared.Next(1_000_000)), rows: 2);

        var (kept, created) = await Store.AddAsync(set, Rows(true, false), default);
        var (again, createdAgain) = await Store.AddAsync(set with { Name = "sent again" }, Rows(false), default);

        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal(set.Name, again.Name);
        Assert.Equal(set.Id, kept.Id);
        var rows = await Store.RowsAsync(set.Id, default);
        Assert.Equal([$"{set.Id}:1", $"{set.Id}:2"], rows.Select(r => r.Key));
        Assert.Equal([true, false], rows.Select(r => r.ExportReady));
    }

    [Fact]
    public async Task Sets_are_listed_newest_first_and_a_removed_one_is_gone()
    {
        var start = new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(Random.Shared.Next(1_000_000));
        var older = NewSet(start, 1);
        var newer = NewSet(start.AddHours(1), 1);
        await Store.AddAsync(older, Rows(true), default);
        await Store.AddAsync(newer, Rows(true), default);

        Assert.Equal([newer.Id, older.Id], (await Store.ListAsync(default)).Select(s => s.Id).Where(id => id == older.Id || id == newer.Id));
        Assert.True(await Store.RemoveAsync(older.Id, default));
        Assert.False(await Store.RemoveAsync(older.Id, default));
        Assert.Null(await Store.GetAsync(older.Id, default));
        Assert.DoesNotContain(older.Id, (await Store.ListAsync(default)).Select(s => s.Id));
        var read = await Store.GetAsync(newer.Id, default);
        Assert.Equal((newer.Name, newer.Source, newer.Definition, newer.OutcomeDate, newer.UploadedAt, newer.Rows),
            (read?.Name, read?.Source, read?.Definition, read?.OutcomeDate, read?.UploadedAt, read?.Rows));
    }
}
