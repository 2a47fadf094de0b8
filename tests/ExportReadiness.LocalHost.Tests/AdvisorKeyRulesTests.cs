using Microsoft.Extensions.Options;

namespace ExportReadiness.LocalHost.Tests;

public class AdvisorKeyRulesTests
{
    [Fact]
    public void An_advisor_key_shorter_than_24_characters_stops_the_app_at_start_naming_the_advisor()
    {
        using var app = new ExportReadinessApplication("UseDevelopmentStorage=true", new Dictionary<string, string?>
        {
            ["ExportReadiness:AdvisorApiKeys"] = "Anna Lind:long-enough-key-0123456789,Erik Berg:short-key",
        });

        var error = Assert.Throws<OptionsValidationException>(() => app.StartServer());
        Assert.Contains("Erik Berg", error.Message);
        Assert.DoesNotContain("short-key", error.Message); // a key never reaches a message or a log
    }
}
