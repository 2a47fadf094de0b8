using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Batches;
using ExportReadiness.Core.Privacy;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Testing;

namespace ExportReadiness.Core.Tests.Privacy;

public class BatchFileErasureTests
{
    private static readonly AssessmentCsv Csv = new(QuestionnaireSchema.V1, new SubmissionValidator(QuestionnaireSchema.V1));

    [Fact]
    public void Blanking_an_erased_products_line_removes_its_company_and_leaves_every_other_row_at_its_line()
    {
        var file = new BatchFileBuilder()
            .Add(AssessmentBuilder.Mixed().Named("Kvarn AB"))
            // A description with a line break: the record spans two lines of the file.
            .Add(AssessmentBuilder.Strong().Named("Erased Oy"), row => row["productDescription"] = "first line\nsecond line")
            .Add(AssessmentBuilder.Weak().Named("Fiske AB"))
            .Add(AssessmentBuilder.Mixed().Named("Also Erased AB"))
            .Add(AssessmentBuilder.Strong().Named("Sist AB"))
            .ToCsv();
        var before = Csv.Read(new StringReader(file), Submission.DefaultProgramme).ToList();
        var erased = before.Where(r => r.Submission!.Company.Name.Contains("Erased", StringComparison.Ordinal)).Select(r => r.Line).ToHashSet();
        Assert.Equal(2, erased.Count);

        var (text, blanked) = BatchFileErasure.Blank(file, erased);

        Assert.Equal(2, blanked);
        Assert.DoesNotContain("Erased", text, StringComparison.Ordinal);
        Assert.DoesNotContain("second line", text, StringComparison.Ordinal);
        var after = Csv.Read(new StringReader(text), Submission.DefaultProgramme).ToList();
        Assert.Equal(before.Where(r => !erased.Contains(r.Line)).Select(r => (r.Line, r.Submission!.Company.Name)),
            after.Select(r => (r.Line, r.Submission!.Company.Name)));
    }
}
