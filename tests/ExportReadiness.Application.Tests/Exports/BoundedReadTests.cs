using ExportReadiness.Application.Programmes;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Testing;
using ExportReadiness.Testing.InMemory;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ExportReadiness.Application.Tests.Exports;

/// <summary>Reports read what they report on, not the rows around it.</summary>
public sealed class BoundedReadTests() : ApplicationTests(new ApplicationUnderTest(services: Counting))
{
    private static void Counting(IServiceCollection services)
    {
        services.RemoveAll<IAssessmentStore>();
        services.AddSingleton<IAssessmentStore>(sp => new CountingAssessmentStore(sp.GetRequiredService<InMemoryStorage>().Assessments));
    }

    [Fact]
    public async Task The_programmes_a_cohort_calls_for_are_read_from_its_scored_assessments_alone_however_many_wait_to_be_scored()
    {
        var programme = Unique.Programme("demand");
        var scored = new List<string>();
        for (var i = 0; i < 3; i++) scored.Add((await App.SubmitScoredAsync(AssessmentBuilder.Weak().InProgramme(programme))).Id);
        for (var i = 0; i < 1500; i++)
            await App.Storage.Assessments.AddAsync(AssessmentBuilder.Mixed().InProgramme(programme).ToAssessment(submittedAt: App.Clock.GetUtcNow()), default);
        var store = (CountingAssessmentStore)App.Get<IAssessmentStore>();
        var before = store.Read;

        var context = await App.Get($"/api/reports/programmes?programme={programme}").AsAdvisorAsync();
        var demand = Assert.IsType<Ok<CohortDemandView>>((await App.Get<ProgrammeHandlers>().Demand(context.Request, default)).Result).Value!;

        Assert.Equal(3, demand.Products);
        Assert.NotEmpty(demand.Programmes);
        Assert.Equal(3, store.Read - before);
    }
}
