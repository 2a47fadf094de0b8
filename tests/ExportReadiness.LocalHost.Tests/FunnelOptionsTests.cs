using ExportReadiness.Application.Funnel;
using ExportReadiness.Core.Funnel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ExportReadiness.LocalHost.Tests;

/// <summary>The funnel's stages are configuration: configured ones replace PEGIN's five, and a bad list stops the app at start.</summary>
public class FunnelOptionsTests
{
    private static FunnelStages Configured(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection().AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        using var provider = services.AddFunnel().BuildServiceProvider();
        return provider.GetRequiredService<FunnelStages>();
    }

    [Fact]
    public void Without_configuration_the_stages_are_pegins_five_and_configured_stages_replace_them_in_order()
    {
        Assert.Equal(["screened", "selected", "in-development", "export-ready", "exporting"], Configured([]).Ids);

        var stages = Configured(new()
        {
            ["ExportReadiness:Funnel:Stages:0:Id"] = "contacted", ["ExportReadiness:Funnel:Stages:0:Sv"] = "Kontaktad", ["ExportReadiness:Funnel:Stages:0:En"] = "Contacted",
            ["ExportReadiness:Funnel:Stages:1:Id"] = "exporting", ["ExportReadiness:Funnel:Stages:1:Sv"] = "Exporterar", ["ExportReadiness:Funnel:Stages:1:En"] = "Exporting",
        });

        Assert.Equal(["contacted", "exporting"], stages.Ids);
        Assert.Equal("Kontaktad", stages.NameOf("contacted", "sv"));
    }

    [Fact]
    public void A_duplicate_stage_id_or_a_single_stage_stops_the_app_at_start()
    {
        using var app = new ExportReadinessApplication("UseDevelopmentStorage=true", new Dictionary<string, string?>
        {
            ["ExportReadiness:Funnel:Stages:0:Id"] = "screened", ["ExportReadiness:Funnel:Stages:0:Sv"] = "Screenad", ["ExportReadiness:Funnel:Stages:0:En"] = "Screened",
            ["ExportReadiness:Funnel:Stages:1:Id"] = "screened", ["ExportReadiness:Funnel:Stages:1:Sv"] = "Igen", ["ExportReadiness:Funnel:Stages:1:En"] = "Again",
        });
        var error = Assert.Throws<OptionsValidationException>(() => app.StartServer());
        Assert.Contains("'screened' appears more than once", error.Message);

        var single = new FunnelOptions { Stages = [new() { Id = "Only One", Sv = "", En = "x" }] };
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(single, new(single), results, validateAllProperties: true));
        Assert.Equal(3, results.Count); // fewer than two, a bad id, a missing Swedish name
    }
}
