using ExportReadiness.Core.Privacy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExportReadiness.Application.Privacy;

/// <summary>One entry of a product's access log as the API shows it.</summary>
public sealed record AccessLogEntryView(DateTimeOffset At, string Actor, string Kind, string Operation, string? AssessmentId);

/// <summary>A product's access log, newest first: everything kept (<see cref="AccessLogOptions.RetentionMonths"/>), at most <see cref="AccessLogOptions.MaxEntries"/>.</summary>
public sealed record AccessLogView(string ProductId, DateTimeOffset KeptSince, IReadOnlyList<AccessLogEntryView> Entries, bool Capped);

/// <summary>
/// Advisors: who read or changed a product. Answers for any product id, erased or never seen alike (an empty log), since
/// the log outlives the product and says nothing of its data.
/// </summary>
public sealed class AccessLogHandlers(IAccessLog log, AccessLogExpiry expiry)
{
    public async Task<Ok<AccessLogView>> Get(string productId, CancellationToken cancellationToken)
    {
        var keptSince = expiry.KeptSince;
        var entries = await log.ForProductAsync(productId, keptSince, AccessLogOptions.MaxEntries, cancellationToken);
        return TypedResults.Ok(new AccessLogView(productId, keptSince,
            entries.Select(e => new AccessLogEntryView(e.At, e.Actor, e.Kind.ToString(), e.Operation, e.AssessmentId)).ToList(),
            entries.Count == AccessLogOptions.MaxEntries));
    }
}
