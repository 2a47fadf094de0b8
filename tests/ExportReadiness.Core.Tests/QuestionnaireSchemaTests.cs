using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Core.Tests;

public class QuestionnaireSchemaTests
{
    private readonly QuestionnaireSchema _schema = QuestionnaireSchema.V1;

    [Fact]
    public void The_questionnaire_covers_twelve_dimensions_with_35_to_60_questions()
    {
        Assert.Equal(12, _schema.Dimensions.Count);
        Assert.InRange(_schema.Questions.Count, 35, 60);
        Assert.All(_schema.Dimensions, d => Assert.Contains(_schema.Questions, q => q.Dimension == d.Id && q.AppliesTo is null));
    }

    [Fact]
    public void Every_answer_below_the_top_comes_with_a_recommendation_in_both_languages()
    {
        foreach (var q in _schema.Questions)
        {
            var belowTop = q.Type switch
            {
                QuestionType.Choice => q.Options!.Where(o => o.Points < q.MaxPoints).Select(o => o.Recommendation),
                QuestionType.YesNo => [q.Recommendation],
                _ => q.Bands!.Where(b => b.Points < q.MaxPoints).Select(b => b.Recommendation),
            };
            Assert.All(belowTop, r => Assert.False(string.IsNullOrWhiteSpace(r?.Sv) || string.IsNullOrWhiteSpace(r?.En), $"{q.Id} lacks a recommendation"));
        }
    }

    [Fact]
    public void The_sector_list_and_regions_are_the_fixed_ones()
    {
        Assert.Equal(["mining", "forestry", "energy", "process", "food", "tourism", "manufacturing", "digital", "other"], _schema.Sectors.Select(s => s.Id));
        Assert.Equal(22, _schema.Regions.Count);
        Assert.Contains(_schema.Regions, r => r.Id == "outside");
    }

    [Fact]
    public void Tourism_gets_a_module_of_its_own_that_other_sectors_are_not_asked()
    {
        var module = _schema.Questions.Where(q => q.AppliesTo?.Contains("tourism") == true).ToList();
        Assert.True(module.Count >= 5);
        Assert.All(module, q => Assert.False(q.AppliesToSector("manufacturing")));
    }

    [Fact]
    public void An_inconsistent_schema_file_is_refused_at_load()
    {
        const string broken = """
            {"schemaVersion":9,"dimensions":[{"id":"a","name":{"sv":"A","en":"A"}}],"sectors":[],"regions":[],"context":[],
             "questions":[{"id":"q","dimension":"nope","type":"yesNo","text":{"sv":"?","en":"?"},"yesPoints":1}]}
            """;
        var error = Assert.Throws<InvalidDataException>(() => QuestionnaireSchema.Parse(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(broken))));
        Assert.Contains("unknown dimension nope", error.Message);
        Assert.Contains("context field company.employees is missing", error.Message);
    }
}
