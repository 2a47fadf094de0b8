using ExportReadiness.Application.Privacy;
using ExportReadiness.Core.ActionPlans;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Privacy;
using ExportReadiness.Core.Training;
using ExportReadiness.Testing;
using ExportReadiness.Testing.Contracts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ExportReadiness.LocalHost.Tests.Privacy;

/// <summary>The nightly retention run erases the products whose last activity is older than the configured years, and records why.</summary>
[Collection(PipelineCollection.Name)]
public sealed class RetentionTests(PipelineFixture pipeline)
{
    private IServiceProvider Services => pipeline.App.Services;

    [Fact]
    public async Task Products_inactive_for_longer_than_the_retention_are_erased_as_retention_and_active_ones_are_kept()
    {
        // The run's clock on 1998-01-01 with one year's retention: inactive since before 1997-01-01 is expired. The data is
        // backdated to match; everything else in this storage is from this decade and far from that line.
        var clock = new FakeTimeProvider(new DateTimeOffset(1998, 1, 1, 3, 0, 0, TimeSpan.Zero));
        var job = new RetentionJob(Services.GetRequiredService<IDistributedLock>(), Services.GetRequiredService<IProductErasure>(),
            Options.Create(new RetentionOptions { YearsAfterLastActivity = 1 }), clock, Services.GetRequiredService<IAccessLog>(),
            new AccessLogExpiry(Services.GetRequiredService<IAccessLog>(), Options.Create(new AccessLogOptions()), clock, NullLogger<AccessLogExpiry>.Instance),
            NullLogger<RetentionJob>.Instance);
        var store = Services.GetRequiredService<IAssessmentStore>();
        var programme = Unique.Programme("retention");
        Assessment Web(DateTimeOffset submitted) => ContractData.Assessments(programme, 1)[0] with { Id = Guid.CreateVersion7().ToString(), SubmittedAt = submitted };
        var expired = Web(new DateTimeOffset(1995, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var reassessedSince = Web(new DateTimeOffset(1995, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var recentReassessment = Web(new DateTimeOffset(1997, 6, 1, 9, 0, 0, TimeSpan.Zero)) with { ProductId = reassessedSince.Id, PreviousAssessmentId = reassessedSince.Id };
        var actedOnSince = Web(new DateTimeOffset(1995, 3, 1, 9, 0, 0, TimeSpan.Zero));
        foreach (var a in new[] { expired, reassessedSince, recentReassessment, actedOnSince }) await store.AddAsync(a, default);
        // An action changed since (its row written now): the product is active.
        await Services.GetRequiredService<IActionPlanStore>().AddAsync(new PlannedAction("act-1", actedOnSince.Id, "q1", "market", "Översätt", "Eva Ek",
            new DateOnly(1996, 1, 1), ActionStatus.Planned, expired.SubmittedAt, PlannedAction.Sme, actedOnSince.Id), default);

        var report = await job.RunAsync(default);

        Assert.NotNull(report);
        Assert.Equal(new DateTimeOffset(1997, 1, 1, 3, 0, 0, TimeSpan.Zero), report.InactiveBefore);
        Assert.Contains(expired.Id, report.Erased);
        Assert.DoesNotContain(reassessedSince.Id, report.Erased);
        Assert.DoesNotContain(actedOnSince.Id, report.Erased);
        Assert.Null(await store.FindAsync(expired.Id, default));
        Assert.NotNull(await store.FindAsync(reassessedSince.Id, default));
        Assert.NotNull(await store.FindAsync(actedOnSince.Id, default));
        var record = await Services.GetRequiredService<IProductErasure>().FindAsync(expired.Id, default);
        Assert.Equal((ErasureReasons.Retention, ErasureReasons.Retention, 1), (record!.ErasedBy, record.Reason, record.Removed[ErasedKinds.Assessments]));
        // The erasure is in the access log, by the retention timer; nothing of the kept products is.
        var accessLog = pipeline.App.Storage.Table(ExportReadiness.Storage.StorageNames.AccessLogTable);
        var entries = await accessLog.QueryAsync<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == "199801").ToListAsync();
        var erasedEntry = Assert.Single(entries, e => e.GetString("ProductId") == expired.Id);
        Assert.Equal((ProductAccess.Retention, nameof(AccessKind.Erase)), (erasedEntry.GetString("Actor"), erasedEntry.GetString("Kind")));
        Assert.DoesNotContain(entries, e => e.GetString("ProductId") == actedOnSince.Id || e.GetString("ProductId") == reassessedSince.Id);
    }

    [Fact]
    public void A_retention_under_a_year_stops_the_app_at_start()
    {
        using var app = new ExportReadinessApplication("UseDevelopmentStorage=true", new Dictionary<string, string?> { [$"{RetentionOptions.Section}:YearsAfterLastActivity"] = "0" });
        var error = Assert.Throws<OptionsValidationException>(() => app.StartServer());
        Assert.Contains(nameof(RetentionOptions.YearsAfterLastActivity), error.Message);
        Assert.Equal(5, new RetentionOptions().YearsAfterLastActivity);
    }
}
