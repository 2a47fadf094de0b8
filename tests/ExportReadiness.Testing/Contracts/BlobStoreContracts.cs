using System.Text;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Programmes;
using ExportReadiness.Core.Training;
using Xunit;
using static ExportReadiness.Testing.Contracts.ContractData;

namespace ExportReadiness.Testing.Contracts;

/// <summary>What every <see cref="ISubmissionArchive"/> does: the raw submission, byte for byte, written once.</summary>
public abstract class SubmissionArchiveContract
{
    protected abstract ISubmissionArchive Archive { get; }

    [Fact]
    public async Task A_raw_submission_is_kept_byte_for_byte_and_a_retry_does_not_rewrite_it()
    {
        var id = Unique.Programme("submission");
        var raw = Encoding.UTF8.GetBytes("""{ "company": { "name": "Åre Fjällturer AB" },   "answers": {} }""");

        await Archive.SaveAsync(id, raw, default);
        await Archive.SaveAsync(id, Encoding.UTF8.GetBytes("{}"), default);

        Assert.Equal(raw, (await Archive.GetAsync(id, default))!.Value.ToArray());
        Assert.Null(await Archive.GetAsync(Unique.Programme("missing"), default));
    }
}

/// <summary>What every <see cref="IDistributedLock"/> does: one holder at a time, free again once released.</summary>
public abstract class DistributedLockContract
{
    protected abstract IDistributedLock Locks { get; }

    [Fact]
    public async Task A_lock_has_one_holder_at_a_time_and_is_free_again_after_release()
    {
        var name = Unique.Programme("lock");

        var first = await Locks.TryAcquireAsync(name, default);
        var second = await Locks.TryAcquireAsync(name, default);
        var other = await Locks.TryAcquireAsync(Unique.Programme("lock"), default);
        Assert.Null(second);
        Assert.NotNull(other);

        await first!.DisposeAsync();
        var third = await Locks.TryAcquireAsync(name, default);
        Assert.NotNull(third);
        await third.DisposeAsync();
        await other.DisposeAsync();
    }
}

/// <summary>What every <see cref="IProgrammeExtensionStore"/> does: the document as written, a new version per save.</summary>
public abstract class ProgrammeExtensionStoreContract
{
    protected abstract IProgrammeExtensionStore Store { get; }

    [Fact]
    public async Task The_extension_reads_back_byte_for_byte_with_the_version_of_the_last_save()
    {
        var first = Encoding.UTF8.GetBytes("{ \"schemaVersion\": 1,\n  \"programmes\": [] } // Växjö");
        var version1 = await Store.SaveAsync(first, default);
        var read1 = (await Store.GetAsync(default))!;
        Assert.Equal(first, read1.Json.ToArray());
        Assert.Equal(version1, read1.Version);

        var second = Encoding.UTF8.GetBytes("{\"schemaVersion\":1,\"programmes\":[]}");
        var version2 = await Store.SaveAsync(second, default);

        Assert.NotEqual(version1, version2);
        var read = (await Store.GetAsync(default))!;
        Assert.Equal(second, read.Json.ToArray());
        Assert.Equal(version2, read.Version);
    }
}
