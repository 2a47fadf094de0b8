using ExportReadiness.Application.Hosting;
using ExportReadiness.Core.ActionPlans;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Localization;
using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Application.ActionPlans;

/// <summary>What came of adding or changing an action.</summary>
public enum PlanOutcome
{
    Created,

    /// <summary>The same pick (gap and title) is in the plan already: the retried add is answered with it.</summary>
    AlreadyPlanned,
    Changed,
    Invalid,
    NoSuchAction,

    /// <summary>The action changed since the version sent (a change), or its client id is taken by another action (an add).</summary>
    Conflict,
}

public sealed record PlanResult(PlanOutcome Outcome, PlannedAction? Action = null, IReadOnlyDictionary<string, Message[]>? Errors = null);

/// <summary>
/// Adding to and changing a product's plan, the same for the API and the SME's result page: the input's rules
/// (<see cref="ActionInput"/>), the gaps one may pick from (<see cref="ActionGaps"/>), idempotent adds and version-checked changes.
/// </summary>
public sealed class ActionPlanner(IActionPlanStore store, QuestionnaireSchema schema, TimeProvider clock, Privacy.ErasureGuard erasures)
{
    public IReadOnlyList<GapChoice> GapsOf(Assessment assessment) => ActionGaps.Of(assessment, schema);

    public async Task<PlanResult> AddAsync(Assessment from, IReadOnlyDictionary<string, string?> fields, string caller, string lang, CancellationToken cancellationToken)
    {
        var gaps = GapsOf(from);
        var (change, errors) = ActionInput.Read(fields, adding: true, gaps);
        if (errors.Count > 0) return new PlanResult(PlanOutcome.Invalid, Errors: errors);
        var candidate = ActionPlanning.Create(change, from, gaps, caller, clock.GetUtcNow(), lang);
        var (outcome, saved) = await store.AddAsync(candidate, cancellationToken);
        if (await erasures.UndoIfErasedAsync(candidate.ProductId, CancellationToken.None)) return new PlanResult(PlanOutcome.NoSuchAction);
        if (outcome == ActionSaveOutcome.Saved) return new PlanResult(PlanOutcome.Created, saved);
        return await store.FindAsync(candidate.ProductId, candidate.Id, cancellationToken) is { } stored && ActionPlanning.IsSamePick(stored, candidate)
            ? new PlanResult(PlanOutcome.AlreadyPlanned, stored)
            : new PlanResult(PlanOutcome.Conflict);
    }

    /// <summary>Changes an action of <paramref name="of"/>'s product if <paramref name="version"/> is still its version (a weak ETag, with or without W/).</summary>
    public async Task<PlanResult> ChangeAsync(Assessment of, string actionId, IReadOnlyDictionary<string, string?> fields, string version, CancellationToken cancellationToken)
    {
        var (change, errors) = ActionInput.Read(fields, adding: false, []);
        if (errors.Count > 0) return new PlanResult(PlanOutcome.Invalid, Errors: errors);
        if (await store.FindAsync(of.ProductId, actionId, cancellationToken) is not { } current) return new PlanResult(PlanOutcome.NoSuchAction);
        if (!EntityVersion.Same(version, current.ConcurrencyToken)) return new PlanResult(PlanOutcome.Conflict);
        var (outcome, saved) = await store.ReplaceAsync(ActionPlanning.Apply(current, change, clock.GetUtcNow()), cancellationToken);
        if (await erasures.UndoIfErasedAsync(of.ProductId, CancellationToken.None)) return new PlanResult(PlanOutcome.NoSuchAction);
        return outcome == ActionSaveOutcome.Saved ? new PlanResult(PlanOutcome.Changed, saved) : new PlanResult(PlanOutcome.Conflict);
    }
}
