using ExportReadiness.Application.Funnel;
using ExportReadiness.Application.Reports;
using ExportReadiness.Core.ActionPlans;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Funnel;
using ExportReadiness.Testing;
using ExportReadiness.Testing.Contracts;
using ExportReadiness.Testing.InMemory;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ExportReadiness.Application.Tests.Exports;

/// <summary>
/// The CSV exports stream: the first bytes go out after a bounded amount of reading (one page of the scan and the lookups
/// of the rows written so far), whatever the portfolio's size. Proven by what the stores had handed out when the response
/// body got its first bytes, not by timing.
/// </summary>
public sealed class StreamingExportTests() : ApplicationTests(new ApplicationUnderTest(services: Counting))
{
    private const int Products = 2500;

    /// <summary>A page of the scan (the in-memory store's, as Table Storage's, is 1,000) and the lookups of a few hundred rows.</summary>
    private const int Bounded = 1200;

    private static void Counting(IServiceCollection services)
    {
        services.RemoveAll<IAssessmentStore>();
        services.AddSingleton<IAssessmentStore>(sp => new CountingAssessmentStore(sp.GetRequiredService<InMemoryStorage>().Assessments));
        services.RemoveAll<IStageMoveStore>();
        services.AddSingleton<IStageMoveStore>(sp => new CountingStageMoveStore(sp.GetRequiredService<InMemoryStorage>().StageMoves));
        services.RemoveAll<IActionPlanStore>();
        services.AddSingleton<IActionPlanStore>(sp => new CountingActionPlanStore(sp.GetRequiredService<InMemoryStorage>().ActionPlans));
    }

    private CountingAssessmentStore Assessments => (CountingAssessmentStore)App.Get<IAssessmentStore>();
    private CountingStageMoveStore Moves => (CountingStageMoveStore)App.Get<IStageMoveStore>();
    private CountingActionPlanStore Plans => (CountingActionPlanStore)App.Get<IActionPlanStore>();

    /// <summary><see cref="Products"/> scored products of one programme, each screened and given an action.</summary>
    private async Task<List<Assessment>> PortfolioAsync()
    {
        var stored = new List<Assessment>();
        var day = DateOnly.FromDateTime(ApplicationUnderTest.Start.UtcDateTime);
        for (var i = 0; i < Products; i++)
        {
            var a = AssessmentBuilder.Mixed().InProgramme("umea").Named($"Företag {i} AB").ToAssessment(submittedAt: App.Clock.GetUtcNow()) with
            {
                Status = AssessmentStatus.Scored,
                Result = ContractData.Result(40 + i % 50, ApplicationUnderTest.ModelVersion),
            };
            await App.Storage.Assessments.AddAsync(a, default);
            await App.Storage.StageMoves.AddAsync(new StageMove(a.Id, "screened", day, "", ApplicationUnderTest.AdvisorName, App.Clock.GetUtcNow()), default);
            await App.Storage.ActionPlans.AddAsync(new PlannedAction($"action-{i}", a.Id, "mgmt_export_strategy", "management", "Write an export strategy",
                "Anna", day.AddDays(30), ActionStatus.Planned, App.Clock.GetUtcNow(), ApplicationUnderTest.AdvisorName, a.Id), default);
            stored.Add(a);
        }
        return stored;
    }

    /// <summary>Runs an export into a body that notes <paramref name="readSoFar"/> at its first bytes; returns the file's lines.</summary>
    private async Task<(long ReadAtFirstWrite, string[] Lines)> ExportAsync(string target, Func<HttpContext, Task<IResult>> handler, Func<long> readSoFar)
    {
        var context = await App.Get(target).AsAdvisorAsync();
        var body = new FirstWriteProbe(readSoFar);
        context.Response.Body = body;
        var (status, text) = await (await handler(context)).RenderAsync(context);
        Assert.Equal(StatusCodes.Status200OK, status);
        Assert.NotNull(body.ReadAtFirstWrite);
        return (body.ReadAtFirstWrite!.Value, text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task The_funnel_export_sends_its_first_rows_after_one_page_of_products_not_after_every_product_and_move()
    {
        await PortfolioAsync();

        var (read, lines) = await ExportAsync("/api/reports/funnel.csv?programme=umea", c => App.Get<StageHandlers>().Csv(c, default),
            () => Assessments.Read + Moves.Read);

        Assert.Equal(Products + 1, lines.Length);
        Assert.InRange(read, 0, Bounded);
    }

    [Fact]
    public async Task The_portfolio_export_sends_its_first_rows_after_one_page_of_assessments()
    {
        await PortfolioAsync();

        var (read, lines) = await ExportAsync("/api/reports/portfolio.csv?programme=umea", c => App.Get<ReportHandlers>().PortfolioCsv(c, default),
            () => Assessments.Read);

        Assert.Equal(Products + 1, lines.Length);
        Assert.InRange(read, 0, Bounded);
    }

    [Fact]
    public async Task The_action_plans_export_sends_its_first_rows_after_a_few_plans_and_their_products()
    {
        await PortfolioAsync();

        var (read, lines) = await ExportAsync("/api/reports/actions.csv", c => App.Get<ReportHandlers>().ActionsCsv(c, default),
            () => Assessments.Read + Plans.Read);

        Assert.Equal(Products + 1, lines.Length);
        Assert.InRange(read, 0, Bounded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("programme=umea")]
    [InlineData("programme=lulea")]
    [InlineData("level=Ready")]
    [InlineData("sector=tourism")]
    [InlineData("status=Scored")]
    [InlineData("cohort=2025")]
    [InlineData("programme=umea&cohort=2026")]
    public async Task The_streamed_funnel_export_has_the_rows_the_whole_read_gave_for_every_filter(string filter)
    {
        await MixedFunnelAsync();
        var (query, cohort, _) = StageHandlers.ParseFilter(App.Get($"/?{filter}").Request.Query);
        var reader = App.Get<FunnelReader>();
        var expected = new StringWriter();
        await FunnelCsv.WriteAsync(expected, reader.Stages, await reader.ProductsAsync(query, cohort, default), default);

        var (_, lines) = await ExportAsync($"/api/reports/funnel.csv?{filter}", c => App.Get<StageHandlers>().Csv(c, default), () => 0);

        var wanted = expected.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(wanted[0], lines[0]);
        Assert.Equal(wanted.Skip(1).Order(StringComparer.Ordinal), lines.Skip(1).Order(StringComparer.Ordinal));
        Assert.True(lines.Length > 1 || filter == "cohort=2025", $"The filter {filter} selects no product: the comparison proves nothing.");
    }

    /// <summary>
    /// Products of two programmes and sectors over two intake years, some re-assessed (one into another programme, one
    /// from Emerging to Ready, one failing first), most moved through the funnel.
    /// </summary>
    private async Task MixedFunnelAsync()
    {
        var start = ApplicationUnderTest.Start;
        var n = 0;
        async Task<Assessment> AddAsync(string programme, string sector, int? score, DateTimeOffset at, Assessment? previous = null)
        {
            var a = AssessmentBuilder.Mixed().InProgramme(programme).InSector(sector).Named($"Företag {n++} AB").ToAssessment(submittedAt: at) with
            {
                Status = score is null ? AssessmentStatus.Failed : AssessmentStatus.Scored,
                Result = score is { } s ? ContractData.Result(s, ApplicationUnderTest.ModelVersion) : null,
            };
            if (previous is not null) a = a with { ProductId = previous.ProductId, PreviousAssessmentId = previous.Id };
            await App.Storage.Assessments.AddAsync(a, default);
            return a;
        }
        async Task MoveAsync(Assessment product, string stage, DateOnly date) =>
            await App.Storage.StageMoves.AddAsync(new StageMove(product.Id, stage, date, "", ApplicationUnderTest.AdvisorName, App.Clock.GetUtcNow()), default);

        for (var i = 0; i < 12; i++)
        {
            var product = await AddAsync(i % 3 == 0 ? "lulea" : "umea", i % 2 == 0 ? "tourism" : "mining", 30 + 5 * i, start.AddHours(i));
            if (i % 4 != 3) await MoveAsync(product, "selected", new DateOnly(2026, 11, 26));
            // Entered the funnel the year before its first assessment: another cohort.
            if (i % 5 == 0) await MoveAsync(product, "screened", new DateOnly(2025, 6, 1));
            if (i % 6 == 0) await MoveAsync(product, "export-ready", new DateOnly(2026, 11, 30));
        }
        var moving = await AddAsync("umea", "tourism", 50, start.AddHours(20));
        await AddAsync("lulea", "tourism", 70, start.AddDays(2), moving);
        await MoveAsync(moving, "in-development", new DateOnly(2026, 11, 27));
        var improving = await AddAsync("lulea", "mining", 45, start.AddHours(21));
        var better = await AddAsync("lulea", "mining", 65, start.AddDays(3), improving);
        await AddAsync("lulea", "mining", 75, start.AddDays(4), better);
        var failing = await AddAsync("umea", "tourism", null, start.AddHours(22));
        await AddAsync("umea", "tourism", 62, start.AddDays(1), failing);
    }
}
