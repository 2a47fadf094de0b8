using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using ExportReadiness.Application.Privacy;
using ExportReadiness.Application.Tests.Pages;

namespace ExportReadiness.Application.Tests.Privacy;

/// <summary>The privacy notice on the SME's form: what is kept, why, for how long and who to ask, in sv and en, named by the settings.</summary>
public sealed class PrivacyNoticeTests
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static string Notice(string html) =>
        Regex.Match(html, "<section class=\"privacy-notice\" id=\"privacy-notice\" aria-labelledby=\"privacy-heading\">(.*?)</section>", RegexOptions.Singleline).Groups[1].Value;

    [Theory]
    [InlineData("sv", "Så hanterar vi era uppgifter", "raderas automatiskt 5 år efter den senaste aktiviteten", "sparas i 24 månader", "Personuppgiftsansvarig: den organisation som driver exportprogrammet. Kontakt: er rådgivare i programmet.")]
    [InlineData("en", "How we handle your data", "erased automatically 5 years after the last activity", "kept for 24 months", "Data controller: the organisation running the export programme. Contact: your advisor in the programme.")]
    public async Task The_form_says_what_is_kept_why_for_how_long_and_who_to_ask_before_its_submit_button(string lang, string heading, string erased, string log, string contact)
    {
        await using var app = new ApplicationUnderTest();
        var (_, html) = await app.FormAsync(lang);

        var notice = Notice(html);
        Assert.Contains($"<h2 id=\"privacy-heading\">{Encoder.Encode(heading)}</h2>", notice);
        Assert.Contains(Encoder.Encode(erased), notice);
        Assert.Contains(Encoder.Encode(log), notice);
        Assert.Contains(Encoder.Encode(contact), notice);
        Assert.DoesNotContain("<a ", notice); // no policy link unless one is set
        Assert.True(html.IndexOf("id=\"privacy-notice\"", StringComparison.Ordinal) < html.IndexOf("<button type=\"submit\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_agency_names_itself_its_contact_its_policy_and_the_times_it_keeps_data_by_settings()
    {
        await using var app = new ApplicationUnderTest(new Dictionary<string, string?>
        {
            ["ExportReadiness:Privacy:Controller"] = "Region Kronoberg",
            ["ExportReadiness:Privacy:Contact"] = "dataskydd@kronoberg.example",
            ["ExportReadiness:Privacy:PolicyUrl"] = "https://kronoberg.example/integritet",
            ["ExportReadiness:Retention:YearsAfterLastActivity"] = "3",
            ["ExportReadiness:AccessLog:RetentionMonths"] = "36",
        });
        var notice = Notice((await app.FormAsync("sv")).Html);

        Assert.Contains("Personuppgiftsansvarig: Region Kronoberg. Kontakt: dataskydd@kronoberg.example.", notice);
        Assert.Contains("raderas automatiskt 3 år efter", notice);
        Assert.Contains("sparas i 36 månader", notice);
        Assert.Contains($"<a href=\"https://kronoberg.example/integritet\">{Encoder.Encode("Läs hela integritetspolicyn")}</a>", notice);
    }

    [Fact]
    public void A_policy_address_that_is_not_absolute_https_is_refused_at_start()
    {
        var options = new PrivacyNoticeOptions { PolicyUrl = "javascript:alert(1)" };
        var errors = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), errors, validateAllProperties: true));
        Assert.Equal([nameof(PrivacyNoticeOptions.PolicyUrl)], errors.Single().MemberNames);
        var unset = new PrivacyNoticeOptions();
        Assert.True(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(unset, new(unset), errors, validateAllProperties: true));
    }
}
