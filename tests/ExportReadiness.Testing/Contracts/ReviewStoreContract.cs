using ExportReadiness.Core.Reviews;
using Xunit;
using static ExportReadiness.Testing.Contracts.ContractData;

namespace ExportReadiness.Testing.Contracts;

/// <summary>What every <see cref="IReviewStore"/> does: versions advisors send back, the history, the labels retraining reads.</summary>
public abstract class ReviewStoreContract
{
    protected abstract IReviewStore Store { get; }

    [Fact]
    public async Task The_first_review_needs_no_version_and_a_second_one_without_the_version_conflicts()
    {
        var id = Unique.Programme("review");

        var (first, version) = await Store.SaveAsync(Review(id, Verdict.NotYet, 1), null, default);
        var (second, none) = await Store.SaveAsync(Review(id, Verdict.ExportReady, 2), null, default);

        Assert.Equal((ReviewSaveOutcome.Saved, ReviewSaveOutcome.Conflict), (first, second));
        Assert.Null(none);
        var current = (await Store.GetAsync(id, default))!;
        Assert.Equal((Verdict.NotYet, version), (current.Verdict, current.ConcurrencyToken));
    }

    [Fact]
    public async Task A_review_saved_on_a_stale_version_conflicts_and_the_one_in_between_stands()
    {
        var id = Unique.Programme("review");
        var (_, read) = await Store.SaveAsync(Review(id, Verdict.NotYet, 1), null, default);
        var (saved, newer) = await Store.SaveAsync(Review(id, Verdict.ExportReady, 2) with { PreviousVerdict = Verdict.NotYet }, read, default);

        var (stale, _) = await Store.SaveAsync(Review(id, Verdict.NotYet, 3), read, default);

        Assert.Equal((ReviewSaveOutcome.Saved, ReviewSaveOutcome.Conflict), (saved, stale));
        Assert.NotEqual(read, newer);
        var current = (await Store.GetAsync(id, default))!;
        Assert.Equal((Verdict.ExportReady, Verdict.NotYet, newer), (current.Verdict, current.PreviousVerdict, current.ConcurrencyToken));
    }

    [Fact]
    public async Task Of_many_advisors_saving_on_the_same_version_at_once_exactly_one_is_saved()
    {
        var id = Unique.Programme("review");
        var (_, read) = await Store.SaveAsync(Review(id, Verdict.NotYet, 1), null, default);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => Store.SaveAsync(Review(id, Verdict.ExportReady, 10 + i, $"advisor {i}"), read, default))));

        var winner = Assert.Single(outcomes.Select((o, i) => (o.Outcome, i)).Where(o => o.Outcome == ReviewSaveOutcome.Saved));
        Assert.Equal($"advisor {winner.i}", (await Store.GetAsync(id, default))!.Note);
        Assert.Equal(2, (await Store.HistoryAsync(id, default)).Count);
    }

    [Fact]
    public async Task The_history_holds_every_verdict_given_newest_first_with_its_note_and_message()
    {
        var id = Unique.Programme("review");
        string? version = null;
        foreach (var (verdict, minute) in new[] { (Verdict.NotYet, 1), (Verdict.ExportReady, 2), (Verdict.NotYet, 3) })
            (_, version) = await Store.SaveAsync(Review(id, verdict, minute, $"anteckning {minute}"), version, default);

        var history = await Store.HistoryAsync(id, default);

        Assert.Equal(["anteckning 3", "anteckning 2", "anteckning 1"], history.Select(r => r.Note));
        Assert.Equal([Verdict.NotYet, Verdict.ExportReady, Verdict.NotYet], history.Select(r => r.Verdict));
        Assert.Equal(["Meddelande 3", "Meddelande 2", "Meddelande 1"], history.Select(r => r.MessageToSme));
        Assert.All(history, r => Assert.Equal((id, "Anna Lind"), (r.AssessmentId, r.Advisor)));
    }

    [Fact]
    public async Task The_training_labels_are_the_verdicts_in_force_one_per_reviewed_assessment()
    {
        var (changed, once) = (Unique.Programme("label"), Unique.Programme("label"));
        var (_, version) = await Store.SaveAsync(Review(changed, Verdict.NotYet, 1), null, default);
        await Store.SaveAsync(Review(changed, Verdict.ExportReady, 2), version, default);
        await Store.SaveAsync(Review(once, Verdict.NotYet, 3), null, default);

        var labels = new List<Review>();
        await foreach (var label in Store.TrainingLabelsAsync(default))
            if (label.AssessmentId == changed || label.AssessmentId == once) labels.Add(label);

        var expected = new[] { (changed, Verdict.ExportReady), (once, Verdict.NotYet) }.OrderBy(l => l.Item1, StringComparer.Ordinal);
        Assert.Equal(expected, labels.Select(l => (l.AssessmentId, l.Verdict)).OrderBy(l => l.AssessmentId, StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_review_saved_after_its_caller_cancelled_is_refused_and_not_stored()
    {
        var id = Unique.Programme("review");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.SaveAsync(Review(id, Verdict.NotYet, 1), null, cancelled.Token));

        Assert.Null(await Store.GetAsync(id, default));
    }

    [Fact]
    public async Task An_unreviewed_unknown_or_invalid_assessment_has_no_review_and_no_history()
    {
        Assert.Null(await Store.GetAsync(Unique.Programme("none"), default));
        Assert.Null(await Store.GetAsync("not/a#key", default));
        Assert.Empty(await Store.HistoryAsync(Unique.Programme("none"), default));
    }
}
