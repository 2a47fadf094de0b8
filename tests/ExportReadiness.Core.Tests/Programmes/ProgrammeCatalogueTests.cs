using System.Text.Json;
using System.Text.Json.Nodes;
using ExportReadiness.Core.Programmes;
using ExportReadiness.Core.Questionnaire;
using static ExportReadiness.Core.Tests.Programmes.CatalogueDocument;

namespace ExportReadiness.Core.Tests.Programmes;

public class ProgrammeCatalogueTests
{
    private static readonly QuestionnaireSchema Schema = QuestionnaireSchema.V1;
    private readonly ProgrammeCatalogue _bundled = ProgrammeCatalogue.Bundled;

    [Fact]
    public void The_bundled_catalogue_loads_and_every_entry_cites_a_dated_public_source()
    {
        Assert.InRange(_bundled.Programmes.Count, 15, 60);
        Assert.Equal(_bundled.Programmes.Count, _bundled.Programmes.Select(p => p.Id).Distinct().Count());
        Assert.All(_bundled.Programmes, p =>
        {
            Assert.NotEmpty(p.Sources);
            Assert.All(p.Sources, s =>
            {
                Assert.StartsWith("https://", s.Url);
                Assert.False(string.IsNullOrWhiteSpace(s.Says), p.Id);
                Assert.Equal(new DateOnly(2026, 11, 25), s.Accessed);
            });
            Assert.StartsWith("https://", p.Url);
        });
    }

    [Fact]
    public void Every_bundled_entry_has_its_texts_in_swedish_and_english()
    {
        Assert.All(_bundled.Programmes, p =>
        {
            foreach (var text in new[] { p.Name, p.Provider, p.Description })
                Assert.False(string.IsNullOrWhiteSpace(text.Sv) || string.IsNullOrWhiteSpace(text.En), p.Id);
            Assert.NotEqual(p.Description.Sv, p.Description.En);
        });
    }

    [Fact]
    public void Every_bundled_entry_uses_the_questionnaires_dimension_question_sector_and_region_codes()
    {
        var sectors = Schema.Sectors.Select(s => s.Id).Append(SupportProgramme.All).ToHashSet();
        var regions = Schema.Regions.Select(r => r.Id).Append(SupportProgramme.All).ToHashSet();
        Assert.All(_bundled.Programmes, p =>
        {
            Assert.NotEmpty(p.Dimensions);
            Assert.All(p.Dimensions, d => Assert.Contains(Schema.Dimensions, x => x.Id == d));
            Assert.All(p.Questions, q => Assert.Contains(Schema.QuestionsById[q].Dimension, p.Dimensions));
            Assert.All(p.Sectors, s => Assert.Contains(s, sectors));
            Assert.All(p.Regions, r => Assert.Contains(r, regions));
        });
    }

    [Fact]
    public void The_bundled_catalogue_has_offers_in_each_of_the_four_counties_and_in_every_s3_area()
    {
        foreach (var county in SmartSpecialisation.Regions)
            Assert.Contains(_bundled.Programmes, p => p.IsRegional && p.Regions.Contains(county));
        foreach (var area in Enum.GetValues<S3Area>().Where(a => a != S3Area.None))
            Assert.Contains(_bundled.Programmes, p => p.S3Area == area);
    }

    [Fact]
    public void An_extension_adds_new_programmes_and_replaces_one_with_the_same_id_in_its_place()
    {
        var replaced = Programme("almi-loans", dimensions: ["finance"], questions: ["fin_working_capital_months"], regions: ["SE-H"]);
        var merged = _bundled.WithExtension(Document(Programme("kalmar-export-club"), replaced));

        Assert.Equal(_bundled.Programmes.Count + 1, merged.Programmes.Count);
        Assert.Equal("kalmar-export-club", merged.Programmes[^1].Id);
        Assert.Equal("Programme almi-loans", merged.Find("almi-loans")!.Name.En);
        Assert.Equal(["SE-H"], merged.Find("almi-loans")!.Regions);
        Assert.Equal(_bundled.Programmes.Select(p => p.Id).ToList().IndexOf("almi-loans"), merged.Programmes.Select(p => p.Id).ToList().IndexOf("almi-loans"));
        Assert.Equal("Almi loans", _bundled.Find("almi-loans")!.Name.En);
    }

    [Fact]
    public void An_extension_withdraws_a_programme_that_has_ended()
    {
        var merged = _bundled.WithExtension(Document(new JsonObject { ["id"] = "gotland-business-support", ["withdrawn"] = true }));

        Assert.Null(merged.Find("gotland-business-support"));
        Assert.Equal(_bundled.Programmes.Count - 1, merged.Programmes.Count);
    }

    [Fact]
    public void A_bad_extension_is_refused_with_every_error_naming_its_entry_and_field()
    {
        var bad = Programme("my-voucher", regions: ["SE-Q"]);
        bad["kind"] = "gift";
        bad["sources"] = new JsonArray();
        ((JsonObject)bad["name"]!).Remove("en");

        var error = Assert.Throws<CatalogueException>(() => _bundled.WithExtension(Document(bad)));

        Assert.Contains(new CatalogueError("my-voucher", "regions[0]", "unknown region 'SE-Q'"), error.Errors);
        Assert.Contains(error.Errors, e => e is { Entry: "my-voucher", Field: "kind" } && e.Message.Contains("advice"));
        Assert.Contains(error.Errors, e => e is { Entry: "my-voucher", Field: "sources" });
        Assert.Contains(error.Errors, e => e is { Entry: "my-voucher", Field: "name.en" });
        Assert.Contains("my-voucher: regions[0]", error.Message);
    }

    [Fact]
    public void An_entry_without_an_id_is_named_by_its_position_and_an_unknown_field_by_its_name()
    {
        var first = Programme("fine-one");
        var nameless = Programme("x");
        nameless.Remove("id");
        nameless["regoins"] = new JsonArray("SE-H");

        var error = Assert.Throws<CatalogueException>(() => _bundled.WithExtension(Document(first, nameless)));

        Assert.Contains(error.Errors, e => e is { Entry: "programmes[1]", Field: "id" });
        Assert.Contains(error.Errors, e => e is { Entry: "programmes[1]", Field: "regoins" });
        Assert.DoesNotContain(error.Errors, e => e.Entry == "fine-one");
    }

    [Fact]
    public void A_gap_claimed_outside_the_programmes_dimensions_is_refused()
    {
        var error = Assert.Throws<CatalogueException>(() => Catalogue(Programme("p", dimensions: ["finance"], questions: ["log_customs"])));

        Assert.Contains(error.Errors, e => e is { Entry: "p", Field: "questions" } && e.Message.Contains("'logistics'"));
    }

    [Theory]
    [InlineData("sectors", new[] { "all", "food" })]
    [InlineData("regions", new[] { "all", "SE-H" })]
    [InlineData("dimensions", new string[0])]
    public void A_scope_that_contradicts_itself_or_is_empty_is_refused(string field, string[] codes)
    {
        var p = Programme("p");
        p[field] = new JsonArray(codes.Select(c => (JsonNode)JsonValue.Create(c)).ToArray());

        var error = Assert.Throws<CatalogueException>(() => Catalogue(p));

        Assert.Contains(error.Errors, e => e is { Entry: "p" } && e.Field == field);
    }

    [Fact]
    public void Withdrawing_a_programme_the_catalogue_does_not_have_is_refused()
    {
        var error = Assert.Throws<CatalogueException>(() => _bundled.WithExtension(Document(new JsonObject { ["id"] = "never-was", ["withdrawn"] = true })));

        Assert.Equal([new CatalogueError("never-was", "withdrawn", "the catalogue has no programme with this id to withdraw")], error.Errors);
    }

    [Fact]
    public void A_document_that_is_not_json_or_of_another_version_is_refused_as_a_whole()
    {
        var notJson = Assert.Throws<CatalogueException>(() => _bundled.WithExtension(new MemoryStream("{\"programmes\": ["u8.ToArray())));
        Assert.Equal("document", Assert.Single(notJson.Errors).Entry);

        var later = Assert.Throws<CatalogueException>(() => _bundled.WithExtension(Stream(new JsonObject { ["schemaVersion"] = 2, ["programmes"] = new JsonArray() })));
        Assert.Contains(later.Errors, e => e is { Entry: "document", Field: "schemaVersion" });
    }

    [Fact]
    public void The_catalogue_written_with_the_apis_json_options_reads_back_as_the_same_catalogue()
    {
        var json = JsonSerializer.Serialize(new { schemaVersion = ProgrammeCatalogue.SchemaVersion, programmes = _bundled.Programmes }, QuestionnaireSchema.JsonOptions);

        var again = ProgrammeCatalogue.Parse(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)), Schema);

        Assert.Equal(_bundled.Programmes.Select(p => (p.Id, p.Kind, p.S3Area, p.Sources.Count)), again.Programmes.Select(p => (p.Id, p.Kind, p.S3Area, p.Sources.Count)));
        Assert.Contains("\"s3Area\":\"visitor-economy\"", json);
    }
}
