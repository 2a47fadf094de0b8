namespace ExportReadiness.Core.Training;

/// <summary>The parts of each run's re-scoring, with their progress (Table Storage: PartitionKey = run id, RowKey = part id).</summary>
public interface IRescorePartStore
{
    /// <summary>Adds the parts not stored yet; a part already there is left as it is (a split or a fan-out done again).</summary>
    Task AddAsync(IReadOnlyList<RescorePart> parts, CancellationToken cancellationToken);

    Task<RescorePart?> GetAsync(string runId, string partId, CancellationToken cancellationToken);

    /// <summary>Replaces the part if nobody wrote it since it was read; the part as stored (with its new version), or null when someone did.</summary>
    Task<RescorePart?> TryReplaceAsync(RescorePart part, CancellationToken cancellationToken);

    /// <summary>Every part of the run: one partition read.</summary>
    Task<IReadOnlyList<RescorePart>> ListAsync(string runId, CancellationToken cancellationToken);
}

/// <summary>The queue of re-scoring parts any instance takes up: one message per part, <c>{"runId", "partId"}</c>.</summary>
public interface IRescorePartQueue
{
    Task EnqueueAsync(IReadOnlyList<RescorePart> parts, CancellationToken cancellationToken);
}
