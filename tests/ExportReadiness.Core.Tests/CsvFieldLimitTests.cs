using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Batches;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Testing;

namespace ExportReadiness.Core.Tests;

/// <summary>A batch file's fields and rows are read within limits: one overlong cell rejects its row by column, never the file.</summary>
public class CsvFieldLimitTests
{
    private static readonly AssessmentCsv Csv = new(QuestionnaireSchema.V1, new SubmissionValidator(QuestionnaireSchema.V1));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_field_past_the_limit_rejects_its_row_naming_the_column_and_the_rows_after_it_are_read(bool quoted)
    {
        var huge = new string('x', 3_000_000);
        var file = new BatchFileBuilder()
            .Add(AssessmentBuilder.Mixed())
            .Add(AssessmentBuilder.Mixed(), row => row["productDescription"] = quoted ? huge + ", with \"quotes\" and a\nline break" : huge)
            .Add(AssessmentBuilder.Strong());

        var rows = Csv.Read(new StringReader(file.ToCsv()), Submission.DefaultProgramme).ToList();

        Assert.Equal(3, rows.Count);
        Assert.NotNull(rows[0].Submission);
        Assert.Null(rows[1].Submission);
        Assert.Equal($"productDescription: At most {CsvFieldGuard.MaxFieldChars} characters.", rows[1].Rejection!.In(ResourceTexts.English));
        Assert.NotNull(rows[2].Submission);
    }

    [Fact]
    public void A_row_with_more_cells_than_the_limit_is_rejected_for_its_cell_count_and_the_next_row_is_read()
    {
        var lines = new BatchFileBuilder().Add(AssessmentBuilder.Mixed()).Add(AssessmentBuilder.Strong()).ToCsv().Split("\r\n");
        lines[1] += string.Concat(Enumerable.Repeat(",a", 100_000));

        var rows = Csv.Read(new StringReader(string.Join("\r\n", lines)), Submission.DefaultProgramme).ToList();

        Assert.Equal(2, rows.Count);
        Assert.Null(rows[0].Submission);
        Assert.StartsWith($"The row has {CsvFieldGuard.MaxFields + 1} cells", rows[0].Rejection!.In(ResourceTexts.English));
        Assert.NotNull(rows[1].Submission);
    }

    [Fact]
    public void A_file_within_the_limits_reads_through_the_guard_unchanged()
    {
        const string text = "a,\"b \"\"quoted\"\", and; more\",c\r\nd;e,\"f\ng\"\n";
        using var guard = new CsvFieldGuard(new StringReader(text));

        Assert.Equal(text, guard.ReadToEnd());
    }
}
