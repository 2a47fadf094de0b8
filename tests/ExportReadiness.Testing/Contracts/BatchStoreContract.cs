using System.Text;
using ExportReadiness.Core.Batches;
using Xunit;
using static ExportReadiness.Testing.Contracts.ContractData;

namespace ExportReadiness.Testing.Contracts;

/// <summary>What every <see cref="IBatchStore"/> does: a batch recorded once, checkpoints written on the version read, its two files.</summary>
public abstract class BatchStoreContract
{
    protected abstract IBatchStore Store { get; }

    private static Batch NewBatch() => new() { Id = Guid.NewGuid().ToString("N"), DefaultProgramme = "default", UploadedAt = Monday, SizeBytes = 1234 };

    [Fact]
    public async Task A_batch_is_recorded_once_and_reads_back_as_recorded()
    {
        var batch = NewBatch();

        Assert.True(await Store.TryAddAsync(batch, default));
        Assert.False(await Store.TryAddAsync(batch with { SizeBytes = 1 }, default));

        var read = (await Store.GetAsync(batch.Id, default))!;
        Assert.Equal(batch, read with { ConcurrencyToken = null });
        Assert.NotNull(read.ConcurrencyToken);
    }

    [Fact]
    public async Task A_checkpoint_is_written_on_the_version_read_and_refused_on_a_stale_one()
    {
        var batch = NewBatch();
        await Store.TryAddAsync(batch, default);
        var read = (await Store.GetAsync(batch.Id, default))!;

        var saved = await Store.TryReplaceAsync(read with { Status = BatchStatus.Ingesting, CheckpointLine = 500, Accepted = 498, Rejected = 2, Rows = 500 }, default);
        var stale = await Store.TryReplaceAsync(read with { Status = BatchStatus.Ingesting, CheckpointLine = 100 }, default);

        Assert.Null(stale);
        Assert.NotEqual(read.ConcurrencyToken, saved!.ConcurrencyToken);
        Assert.Equal(saved, await Store.GetAsync(batch.Id, default));
        Assert.Null(await Store.TryReplaceAsync(NewBatch() with { ConcurrencyToken = read.ConcurrencyToken }, default));
    }

    [Fact]
    public async Task Saving_a_batch_overwrites_whatever_version_is_stored()
    {
        var batch = NewBatch();
        await Store.TryAddAsync(batch, default);

        await Store.SaveAsync(batch with { Status = BatchStatus.Failed, FailureReason = "storage" }, default);

        var stored = (await Store.GetAsync(batch.Id, default))!;
        Assert.Equal((BatchStatus.Failed, "storage"), (stored.Status, stored.FailureReason));
    }

    [Fact]
    public async Task The_input_file_reads_back_byte_for_byte_and_the_rejections_once_written()
    {
        var batch = NewBatch();
        var input = Encoding.UTF8.GetBytes("companyName,sector\r\nÅre Fjällturer AB,tourism\r\n");
        await Store.SaveInputAsync(batch.Id, new MemoryStream(input), default);
        Assert.Null(await Store.OpenRejectionsAsync(batch.Id, default));

        await using (var rejections = await Store.CreateRejectionsAsync(batch.Id, default))
            await rejections.WriteAsync(Encoding.UTF8.GetBytes("line,reason\r\n3,bad\r\n"));

        Assert.Equal(input, await ReadAllAsync(await Store.OpenInputAsync(batch.Id, default)));
        Assert.Equal("line,reason\r\n3,bad\r\n", Encoding.UTF8.GetString(await ReadAllAsync((await Store.OpenRejectionsAsync(batch.Id, default))!)));
    }

    [Fact]
    public async Task A_rejections_file_exists_empty_once_created_and_holds_what_its_writer_flushed()
    {
        var batch = NewBatch();
        await using var writer = await Store.CreateRejectionsAsync(batch.Id, default);
        var empty = await ReadAllAsync((await Store.OpenRejectionsAsync(batch.Id, default))!);

        await writer.WriteAsync(Encoding.UTF8.GetBytes("line,reason\r\n"));
        await writer.FlushAsync();

        Assert.Empty(empty);
        Assert.Equal("line,reason\r\n", Encoding.UTF8.GetString(await ReadAllAsync((await Store.OpenRejectionsAsync(batch.Id, default))!)));
    }

    [Fact]
    public async Task An_unknown_or_invalid_batch_is_not_found()
    {
        Assert.Null(await Store.GetAsync(Guid.NewGuid().ToString("N"), default));
        Assert.Null(await Store.GetAsync("not/a#key", default));
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        await using (stream)
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            return copy.ToArray();
        }
    }
}
