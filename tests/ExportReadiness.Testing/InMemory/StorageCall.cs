namespace ExportReadiness.Testing.InMemory;

/// <summary>
/// The fakes answer as a storage call does: never once the caller has cancelled (the SDK's calls fail with an
/// <see cref="OperationCanceledException"/>), so a handler stopped between two calls stops at the next one, as it would
/// against storage.
/// </summary>
public static class StorageCall
{
    public static Task<T> Answer<T>(CancellationToken cancellationToken, Func<T> answer) =>
        cancellationToken.IsCancellationRequested ? Task.FromCanceled<T>(cancellationToken) : Task.FromResult(answer());

    public static Task Do(CancellationToken cancellationToken, Action action)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled(cancellationToken);
        action();
        return Task.CompletedTask;
    }
}
