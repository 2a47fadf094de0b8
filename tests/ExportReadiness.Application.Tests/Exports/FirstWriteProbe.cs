namespace ExportReadiness.Application.Tests.Exports;

/// <summary>
/// A response body that notes what the handler had read (<paramref name="readSoFar"/>) when the first bytes reached it:
/// the moment a client would start receiving the file.
/// </summary>
public sealed class FirstWriteProbe(Func<long> readSoFar) : MemoryStream
{
    /// <summary>What had been read at the first write; null while nothing was written.</summary>
    public long? ReadAtFirstWrite { get; private set; }

    private void Note(int count)
    {
        if (count > 0) ReadAtFirstWrite ??= readSoFar();
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        Note(count);
        base.Write(buffer, offset, count);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Note(buffer.Length);
        base.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Note(count);
        return base.WriteAsync(buffer, offset, count, cancellationToken);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Note(buffer.Length);
        return base.WriteAsync(buffer, cancellationToken);
    }
}
