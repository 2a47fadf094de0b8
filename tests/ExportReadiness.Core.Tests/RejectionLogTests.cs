using ExportReadiness.Core.Batches;

namespace ExportReadiness.Core.Tests;

public class RejectionLogTests
{
    [Fact]
    public async Task Rejected_lines_read_back_as_written_whatever_their_reasons_contain()
    {
        RejectedRow[] rows =
        [
            new(3, "company.employees: Expected a whole number."),
            new(5, "answers.mgmt_motive: \"kanske\" is not an option; answers.prod_usp: Required."),
            new(70_001, "Line with, commas\nand a line break; Åre", "Rad med, kommatecken\noch radbrytning; Åre"),
        ];
        var file = new MemoryStream();
        await using (var log = await RejectionLog.StartAsync(file))
            foreach (var row in rows) await log.AddAsync(row);

        var read = new List<RejectedRow>();
        await foreach (var row in RejectionLog.ReadAsync(new MemoryStream(file.ToArray()))) read.Add(row);

        Assert.Equal(rows, read);
    }

    [Fact]
    public async Task A_log_written_before_reasons_were_bilingual_reads_back_with_the_english_reason_for_both_languages()
    {
        var file = new MemoryStream(AssessmentCsv.FileEncoding.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes("line,reason\r\n3,employees: Expected a whole number.\r\n")).ToArray());
        var read = new List<RejectedRow>();
        await foreach (var row in RejectionLog.ReadAsync(file)) read.Add(row);

        var only = Assert.Single(read);
        Assert.Null(only.ReasonSv);
        Assert.Equal("employees: Expected a whole number.", only.ReasonIn("sv"));
    }

    [Fact]
    public void A_rejected_row_gives_its_reason_in_the_language_asked_for()
    {
        var row = new RejectedRow(4, "The row cannot be read.", "Raden kan inte läsas.");
        Assert.Equal(("Raden kan inte läsas.", "The row cannot be read."), (row.ReasonIn("sv"), row.ReasonIn("en")));
    }
}
