using ExportReadiness.Core.ActionPlans;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Scoring;
using ExportReadiness.Testing;

namespace ExportReadiness.Core.Tests.ActionPlans;

/// <summary>A product's action plan: the gaps to pick from, the input's rules, status and doneAt, and what was done between two assessments.</summary>
public class ActionPlanTests(TrainedModelFixture fixture) : IClassFixture<TrainedModelFixture>
{
    private static readonly QuestionnaireSchema Schema = QuestionnaireSchema.V1;
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A scored assessment of a strong product with gaps exactly in <paramref name="gaps"/>.</summary>
    private Assessment Scored(string id, DateTimeOffset submittedAt, params string[] gaps)
    {
        var s = AssessmentBuilder.Strong().WithGapsIn(gaps).ToSubmission();
        var result = new AssessmentScorer(fixture.Encoder).Score(fixture.Trained.Model, s.Company, s.Answers, submittedAt);
        return new Assessment
        {
            Id = id, Programme = "default", SchemaVersion = 1, Company = s.Company, Product = s.Product, Answers = s.Answers,
            SubmittedAt = submittedAt, AccessTokenHash = "", Status = AssessmentStatus.Scored, Result = result,
        };
    }

    private static PlannedAction Action(string questionId, ActionStatus status = ActionStatus.Planned, DateTimeOffset? doneAt = null, DateOnly? due = null) =>
        new($"a-{questionId}", "product", questionId, Schema.QuestionsById.GetValueOrDefault(questionId)?.Dimension ?? "d", "Gör det", "Anna, vd", due ?? new DateOnly(2027, 3, 1),
            status, Monday, PlannedAction.Sme, "product", doneAt);

    private static Dictionary<string, string?> Fields(params (string Key, string? Value)[] fields) => fields.ToDictionary(f => f.Key, f => f.Value);

    /// <summary>Two questions of different dimensions, each with options below the top, so a bottom answer is a gap.</summary>
    private static (string First, string Second) TwoGapQuestions()
    {
        var candidates = Schema.Questions.Where(q => q.AppliesTo is null && q.Type == QuestionType.Choice).ToList();
        var first = candidates[0];
        var second = candidates.First(q => q.Dimension != first.Dimension);
        return (first.Id, second.Id);
    }

    [Fact]
    public void An_action_marked_done_records_when_and_keeps_it_when_reopened_or_dropped()
    {
        var planned = Action("q");
        Assert.Null(planned.DoneAt);
        var started = planned.WithStatus(ActionStatus.InProgress, Monday.AddDays(1));
        Assert.Null(started.DoneAt);

        var done = started.WithStatus(ActionStatus.Done, Monday.AddDays(2));
        Assert.Equal(Monday.AddDays(2), done.DoneAt);
        // Saving it again as Done does not move the date.
        Assert.Equal(Monday.AddDays(2), done.WithStatus(ActionStatus.Done, Monday.AddDays(5)).DoneAt);

        var reopened = done.WithStatus(ActionStatus.InProgress, Monday.AddDays(3));
        Assert.Equal(ActionStatus.InProgress, reopened.Status);
        Assert.Equal(Monday.AddDays(2), reopened.DoneAt);
        Assert.Equal(Monday.AddDays(2), done.WithStatus(ActionStatus.Dropped, Monday.AddDays(3)).DoneAt);
        // Done anew, it is done at the new time.
        Assert.Equal(Monday.AddDays(4), reopened.WithStatus(ActionStatus.Done, Monday.AddDays(4)).DoneAt);
    }

    [Fact]
    public void Only_open_actions_past_their_due_date_are_overdue()
    {
        var today = new DateOnly(2027, 3, 2);
        Assert.True(Action("q", ActionStatus.Planned).IsOverdue(today));
        Assert.True(Action("q", ActionStatus.InProgress).IsOverdue(today));
        Assert.False(Action("q", ActionStatus.Done, Monday).IsOverdue(today));
        Assert.False(Action("q", ActionStatus.Dropped).IsOverdue(today));
        Assert.False(Action("q", ActionStatus.Planned, due: today).IsOverdue(today)); // due today is not late yet
    }

    [Fact]
    public void The_gaps_to_pick_from_are_the_explanations_gaps_largest_first_each_titled_with_its_answers_advice()
    {
        var (first, second) = TwoGapQuestions();
        var assessment = Scored("a1", Monday, first, second);

        var gaps = ActionGaps.Of(assessment, Schema);

        Assert.NotEmpty(gaps);
        Assert.Equal(gaps.OrderByDescending(g => g.Headroom).Select(g => g.Headroom), gaps.Select(g => g.Headroom));
        Assert.All(gaps, g => Assert.True(g.Headroom >= ExplainedGaps.MinimumHeadroom));
        Assert.Equal(assessment.Result!.Explanation!.QuestionGaps(Schema).Select(c => c.Id), gaps.Select(g => g.QuestionId));
        foreach (var gap in gaps)
        {
            var question = Schema.QuestionsById[gap.QuestionId];
            Assert.Equal(question.Dimension, gap.Dimension);
            Assert.Equal(question.Evaluate(assessment.Answers.GetValueOrDefault(gap.QuestionId)).Recommendation ?? question.Text, gap.Advice);
        }
        // Before scoring there is nothing to pick.
        Assert.Empty(ActionGaps.Of(assessment with { Status = AssessmentStatus.Pending, Result = null }, Schema));
    }

    [Fact]
    public void A_question_that_is_no_gap_of_the_assessment_is_refused_naming_gap_in_swedish_and_english()
    {
        var (first, _) = TwoGapQuestions();
        var gaps = ActionGaps.Of(Scored("a1", Monday, first), Schema);
        var notAGap = Schema.Questions.First(q => q.AppliesTo is null && gaps.All(g => g.QuestionId != q.Id)).Id;

        var (_, errors) = ActionInput.Read(Fields(("gap", notAGap), ("owner", "Anna"), ("dueDate", "2027-03-01")), adding: true, gaps);

        Assert.Equal(["gap"], errors.Keys);
        Assert.StartsWith("Inte en lucka", ResourceTexts.Swedish.Text(errors["gap"][0]));
        Assert.StartsWith("Not a gap", ResourceTexts.English.Text(errors["gap"][0]));
        var (change, none) = ActionInput.Read(Fields(("gap", gaps[0].QuestionId), ("owner", " Anna "), ("dueDate", "2027-03-01")), adding: true, gaps);
        Assert.Empty(none);
        Assert.Equal(("Anna", new DateOnly(2027, 3, 1)), (change.Owner, change.DueDate));
    }

    [Fact]
    public void Adding_needs_an_owner_and_a_real_due_date_and_a_change_needs_a_known_status()
    {
        var gaps = new[] { new GapChoice("q", "d", 3, new LocalizedText("F", "Q"), new LocalizedText("Gör", "Do")) };

        var (_, missing) = ActionInput.Read(Fields(("gap", "q")), adding: true, gaps);
        Assert.Equal(["dueDate", "owner"], missing.Keys.Order());

        var (_, bad) = ActionInput.Read(Fields(("gap", "q"), ("owner", new string('x', 201)), ("dueDate", "1/3/2027"), ("title", "a\u0007b"), ("id", "a/b")), adding: true, gaps);
        Assert.Equal(["dueDate", "id", "owner", "title"], bad.Keys.Order());
        var (_, farAway) = ActionInput.Read(Fields(("gap", "q"), ("owner", "A"), ("dueDate", "9999-12-31")), adding: true, gaps);
        Assert.Equal(["dueDate"], farAway.Keys);

        var (_, noStatus) = ActionInput.Read(Fields(("owner", "B")), adding: false, []);
        Assert.Equal(["status"], noStatus.Keys);
        var (_, numeric) = ActionInput.Read(Fields(("status", "2")), adding: false, []);
        Assert.Equal(["status"], numeric.Keys);
        var (change, ok) = ActionInput.Read(Fields(("status", "inprogress")), adding: false, []);
        Assert.Empty(ok);
        Assert.Equal(ActionStatus.InProgress, change.Status);
        Assert.Null(change.Owner); // left as it is
    }

    [Fact]
    public void The_same_pick_again_names_the_same_action_and_its_title_defaults_to_the_gaps_advice()
    {
        var (first, _) = TwoGapQuestions();
        var assessment = Scored("a1", Monday, first);
        var gaps = ActionGaps.Of(assessment, Schema);
        var gap = gaps.First(g => g.QuestionId == first);
        var (change, _) = ActionInput.Read(Fields(("gap", first), ("owner", "Anna"), ("dueDate", "2027-03-01")), adding: true, gaps);

        var once = ActionPlanning.Create(change, assessment, gaps, PlannedAction.Sme, Monday, "en");
        var again = ActionPlanning.Create(change, assessment, gaps, PlannedAction.Sme, Monday.AddMinutes(1), "en");
        var otherTitle = ActionPlanning.Create(change with { Title = "Hire an export manager" }, assessment, gaps, PlannedAction.Sme, Monday, "en");

        Assert.Equal(once.Id, again.Id);
        Assert.True(ActionPlanning.IsSamePick(once, again));
        Assert.NotEqual(once.Id, otherTitle.Id);
        Assert.Equal(gap.Advice.En, once.Title);
        Assert.Equal(gap.Dimension, once.Dimension);
        Assert.Equal((assessment.ProductId, assessment.Id, ActionStatus.Planned), (once.ProductId, once.FromAssessmentId, once.Status));
        // Added as Done straight away, it is done now.
        Assert.Equal(Monday, ActionPlanning.Create(change with { Status = ActionStatus.Done }, assessment, gaps, PlannedAction.Sme, Monday, "en").DoneAt);
    }

    [Fact]
    public void Actions_done_between_two_assessments_are_grouped_by_the_dimension_they_address()
    {
        var (first, second) = TwoGapQuestions();
        var before = Scored("a1", Monday, first, second);
        var after = Scored("a2", Monday.AddDays(30), first, second) with { ProductId = "a1" };
        var plan = new[]
        {
            Action(first, ActionStatus.Done, Monday.AddDays(3)) with { Id = "x1" },
            Action(first, ActionStatus.Done, Monday.AddDays(10)) with { Id = "x2" },
            Action(second, ActionStatus.Done, Monday.AddDays(5)),
            Action(second, ActionStatus.Done, Monday.AddDays(-1)) with { Id = "before-the-first" },
            Action(second, ActionStatus.Done, Monday.AddDays(31)) with { Id = "after-the-second" },
            Action(second, ActionStatus.InProgress, Monday.AddDays(4)) with { Id = "reopened" },
            Action(first, ActionStatus.Planned) with { Id = "open" },
        };

        var done = ActionPlan.DoneSince(plan, before, after, Schema);

        var order = Schema.Dimensions.Select(d => d.Id).ToList();
        Assert.Equal(done.Select(d => d.Dimension).OrderBy(order.IndexOf), done.Select(d => d.Dimension));
        Assert.Equal(["x1", "x2"], done.Single(d => d.Dimension == Schema.QuestionsById[first].Dimension).Actions.Select(a => a.Id));
        Assert.Equal([$"a-{second}"], done.Single(d => d.Dimension == Schema.QuestionsById[second].Dimension).Actions.Select(a => a.Id));
        Assert.Empty(ActionPlan.DoneSince(plan, null, before, Schema)); // a first assessment has no "since"
    }
}
