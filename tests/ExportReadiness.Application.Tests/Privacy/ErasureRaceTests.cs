using ExportReadiness.Application.Assessments;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Privacy;
using ExportReadiness.Testing;
using ExportReadiness.Testing.InMemory;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ExportReadiness.Application.Tests.Privacy;

/// <summary>
/// A write that checked its product exists and then wrote, with the product's erasure in between, must not bring any of it
/// back: the write finds the erasure record afterwards and the erasure runs again.
/// </summary>
public sealed class ErasureRaceTests : IAsyncDisposable
{
    /// <summary>The raw submission's save is the first write of a re-assessment, after its link was checked: the erasure lands there.</summary>
    private sealed class ErasingArchive(InMemorySubmissionArchive inner, Func<Task> erase) : ISubmissionArchive
    {
        public async Task SaveAsync(string assessmentId, ReadOnlyMemory<byte> rawJson, CancellationToken cancellationToken)
        {
            await erase();
            await inner.SaveAsync(assessmentId, rawJson, cancellationToken);
        }

        public Task<ReadOnlyMemory<byte>?> GetAsync(string assessmentId, CancellationToken cancellationToken) => inner.GetAsync(assessmentId, cancellationToken);
    }

    private readonly ApplicationUnderTest _app;
    private string? _eraseOnSave;

    public ErasureRaceTests()
    {
        _app = new ApplicationUnderTest(services: s =>
        {
            s.RemoveAll<ISubmissionArchive>();
            s.AddSingleton<ISubmissionArchive>(sp => new ErasingArchive(sp.GetRequiredService<InMemoryStorage>().Submissions, async () =>
            {
                if (_eraseOnSave is { } product) await sp.GetRequiredService<IProductErasure>().EraseAsync(product, ErasureRequest.BySme, default);
            }));
        });
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task A_reassessment_stored_while_its_product_was_erased_is_erased_with_it_and_refused()
    {
        var (first, token) = await _app.SubmitAsync(AssessmentBuilder.Mixed());
        _eraseOnSave = first;
        var json = AssessmentBuilder.Strong().ToJson();
        json[AssessmentHandlers.PreviousAssessmentField] = first;
        var context = _app.Request(HttpMethods.Post, "/api/assessments", json.ToJsonString()).WithToken(token);

        var problem = (await _app.Get<AssessmentHandlers>().Submit(context.Request, default)).Result.Problem();

        Assert.Equal(StatusCodes.Status400BadRequest, problem.Status);
        Assert.Contains(AssessmentHandlers.PreviousAssessmentField, problem.Errors.Keys);
        Assert.Empty(_app.Storage.Assessments.OfProduct(first));
        Assert.Empty(await _app.Storage.Assessments.ProductHistoryAsync(first, null, default));
    }
}
