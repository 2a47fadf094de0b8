using System.Text.Json;
using System.Text.RegularExpressions;
using ExportReadiness.Testing;

namespace ExportReadiness.FunctionApp.Tests;

/// <summary>
/// Neither `azd up` nor the GitHub workflow can run here (no Azure, no GitHub), so these check offline what they rely on:
/// azure.yaml points at the Function App and the template, azd finds the app by its service tag, every parameter azd fills
/// is one the template takes, and the workflow runs the README's test command and signs in to Azure without a secret.
/// </summary>
public class AzdDeploymentTests
{
    private static readonly string Root = Azurite.RepositoryRoot();

    private static string Read(params string[] path) => File.ReadAllText(Path.Combine([Root, .. path]));

    private static string YamlValue(string yaml, string key) =>
        Regex.Match(yaml, $@"^\s*{key}:\s*(\S+)\s*$", RegexOptions.Multiline).Groups[1].Value;

    [Fact]
    public void Azd_deploys_the_function_app_project_to_the_app_the_template_tags_with_its_service_name()
    {
        var azureYaml = Read("azure.yaml");
        var service = Regex.Match(azureYaml, @"^services:\s*\n\s+(\w+):", RegexOptions.Multiline).Groups[1].Value;
        Assert.Equal("api", service);
        Assert.Equal("function", YamlValue(azureYaml, "host"));
        Assert.Equal("dotnet", YamlValue(azureYaml, "language"));
        var project = YamlValue(azureYaml, "project");
        Assert.True(File.Exists(Path.Combine(Root, project, "ExportReadiness.FunctionApp.csproj")), $"azure.yaml's project {project} is not the Function App");
        Assert.True(File.Exists(Path.Combine(Root, YamlValue(azureYaml, "path"), YamlValue(azureYaml, "module") + ".bicep")));

        var template = Read("infra", "main.bicep");
        Assert.Matches(@"'azd-service-name':\s*'" + service + "'", template);
        var app = Regex.Match(template, @"resource app 'Microsoft\.Web/sites@[^']+' = \{(.*?)\n  properties:", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("tags: azdServiceTags", app);
    }

    [Fact]
    public void Every_parameter_azd_fills_is_one_the_template_takes_and_the_advisor_keys_come_from_the_environment()
    {
        var template = Read("infra", "main.bicep");
        using var parameters = JsonDocument.Parse(Read("infra", "main.parameters.json"));
        var filled = parameters.RootElement.GetProperty("parameters").EnumerateObject().ToList();
        Assert.NotEmpty(filled);
        Assert.All(filled, p => Assert.Matches($@"(?m)^param {p.Name} ", template));
        var keys = filled.Single(p => p.Name == "advisorApiKeys").Value.GetProperty("value").GetString();
        Assert.Equal("${ADVISOR_API_KEYS}", keys);
    }

    [Fact]
    public void The_workflow_runs_the_readmes_test_command_and_deploys_with_oidc_and_no_stored_secret()
    {
        var readme = Read("README.md");
        var testCommand = Regex.Match(readme, @"^(bash scripts/test)\b", RegexOptions.Multiline).Groups[1].Value;
        Assert.Equal("bash scripts/test", testCommand);
        var workflow = Read(".github", "workflows", "ci.yml");
        Assert.Matches(@"(?m)^on:\s*\n\s+push:", workflow);
        Assert.Matches($@"(?m)^\s+- run: {Regex.Escape(testCommand)}\s*$", workflow);

        var deploy = workflow[workflow.IndexOf("\n  deploy:", StringComparison.Ordinal)..];
        Assert.Contains("id-token: write", deploy);
        Assert.Contains("--federated-credential-provider github", deploy);
        Assert.DoesNotContain("client-secret", workflow, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AZURE_CREDENTIALS", workflow);
        Assert.Contains("azd deploy", deploy);
    }
}
