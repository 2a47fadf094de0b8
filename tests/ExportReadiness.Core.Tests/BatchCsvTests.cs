using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Batches;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Testing;

namespace ExportReadiness.Core.Tests;

public class BatchCsvTests
{
    private static readonly AssessmentCsv Csv = new(QuestionnaireSchema.V1, new SubmissionValidator(QuestionnaireSchema.V1));

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e400")]
    public void A_number_cell_that_is_no_finite_number_rejects_its_row_by_line_and_column_and_the_rest_are_read(string cell)
    {
        var number = QuestionnaireSchema.V1.Questions.First(q => q.Type == QuestionType.Number && q.Required && q.AppliesTo is null);
        var file = new BatchFileBuilder()
            .Add(AssessmentBuilder.Mixed())
            .Add(AssessmentBuilder.Mixed(), row => row["employees"] = cell)
            .Add(AssessmentBuilder.Mixed(), row => row[number.Id] = cell)
            .Add(AssessmentBuilder.Strong());

        var rows = Csv.Read(new StringReader(file.ToCsv()), Submission.DefaultProgramme).ToList();

        Assert.Equal([2L, 3L, 4L, 5L], rows.Select(r => r.Line));
        Assert.NotNull(rows[0].Submission);
        Assert.Null(rows[1].Submission);
        Assert.StartsWith("employees:", rows[1].Rejection!.In(ResourceTexts.English));
        Assert.Null(rows[2].Submission);
        Assert.StartsWith($"{number.Id}:", rows[2].Rejection!.In(ResourceTexts.English));
        Assert.NotNull(rows[3].Submission);
    }
}
