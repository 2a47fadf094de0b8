using ExportReadiness.Core.Assessments;
using Xunit;

namespace ExportReadiness.Testing.Contracts;

/// <summary>What every <see cref="IProductIndex"/> does: the products an assessment store knows re-assessed, in id order, each once.</summary>
public abstract class ProductIndexContract
{
    protected abstract IAssessmentStore Store { get; }

    protected abstract IProductIndex Index { get; }

    private async Task<Assessment> AddAsync(string programme, string id, Assessment? reassessing = null)
    {
        var a = AssessmentBuilder.Mixed().InProgramme(programme).ToAssessment(id, ContractData.Monday);
        if (reassessing is not null) a = a with { ProductId = reassessing.ProductId, PreviousAssessmentId = reassessing.Id };
        await Store.AddAsync(a, default);
        return a;
    }

    private async Task<List<string>> ReassessedFromAsync(string prefix, string from)
    {
        var listed = new List<string>();
        // The table is shared: other tests' products follow this one's.
        await foreach (var product in Index.ReassessedFromAsync(from, default))
        {
            if (!product.StartsWith(prefix, StringComparison.Ordinal)) break;
            listed.Add(product);
        }
        return listed;
    }

    [Fact]
    public async Task The_products_reassessed_are_listed_once_each_in_id_order_from_the_one_asked_for()
    {
        var programme = Unique.Programme("index");
        var prefix = Unique.Programme("product");
        var twice = await AddAsync(programme, $"{prefix}-a");
        await AddAsync(programme, $"{prefix}-z1", twice);
        await AddAsync(programme, $"{prefix}-z2", twice);
        await AddAsync(programme, $"{prefix}-b");
        var once = await AddAsync(programme, $"{prefix}-c");
        await AddAsync(programme, $"{prefix}-y1", once);

        Assert.Equal([twice.Id, once.Id], await ReassessedFromAsync(prefix, prefix));
        Assert.Equal([once.Id], await ReassessedFromAsync(prefix, $"{prefix}-b"));
    }
}
