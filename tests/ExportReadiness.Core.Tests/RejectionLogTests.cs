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
            new(70_001, "Line with, commas\nand a line break; Åre"),
        ];
        var file = new MemoryStream();
        await using (var log = await RejectionLog.StartAsync(file))
            foreach (var row in rows) await log.AddAsync(row);

        var read = new List<RejectedRow>();
        await foreach (var row in RejectionLog.ReadAsync(new MemoryStream(file.ToArray()))) read.Add(row);

        Assert.Equal(rows, read);
    }
}
