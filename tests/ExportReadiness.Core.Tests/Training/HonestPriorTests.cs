using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Training;

namespace ExportReadiness.Core.Tests.Training;

/// <summary>The prior says what its sources support, and no more (issue 16's corrections, docs/training-data.md).</summary>
public class HonestPriorTests
{
    private static readonly IReadOnlyDictionary<string, double> Weights = EvidenceWeights.Questions;

    private static double Smallest(EvidenceStrength strength) =>
        EvidenceWeights.Strength.Where(s => s.Value == strength).Min(s => Weights[s.Key]);

    [Fact]
    public void Every_question_says_how_strong_the_evidence_behind_its_weight_is()
    {
        Assert.All(QuestionnaireSchema.V1.Questions, q => Assert.True(EvidenceWeights.Strength.ContainsKey(q.Id), $"{q.Id} has no evidence strength"));
        Assert.Equal(Weights.Keys.Order(), EvidenceWeights.Strength.Keys.Order());
    }

    [Fact]
    public void Trade_fairs_weigh_least_of_all_answers_with_a_weight_because_the_cited_study_finds_no_lasting_effect()
    {
        Assert.Equal(EvidenceStrength.Against, EvidenceWeights.Strength["digi_trade_fairs"]);
        Assert.True(Weights["digi_trade_fairs"] <= Weights.Where(w => w.Value > 0).Min(w => w.Value));
        Assert.True(Weights["digi_trade_fairs"] <= Smallest(EvidenceStrength.None));
    }

    [Fact]
    public void Finance_is_mixed_evidence_weighing_more_than_answers_with_no_evidence_and_less_than_well_supported_ones()
    {
        foreach (var question in new[] { "fin_export_budget_percent", "fin_working_capital_months" })
        {
            Assert.Equal(EvidenceStrength.Mixed, EvidenceWeights.Strength[question]);
            Assert.True(Weights[question] > Weights["org_export_training"], question);
            Assert.True(Weights[question] < Weights["mgmt_export_strategy"], question);
        }
    }

    [Fact]
    public void Certification_and_website_evidence_from_developing_economies_weighs_less_than_management_commitment()
    {
        foreach (var question in new[] { "cert_quality_system", "cert_market_requirements", "digi_website_languages", "chan_ecommerce", "sust_certification" })
        {
            Assert.Equal(EvidenceStrength.Indirect, EvidenceWeights.Strength[question]);
            Assert.True(Weights[question] < Weights["mgmt_export_strategy"], question);
        }
    }

    [Fact]
    public void The_strongest_evidence_is_export_experience_and_it_keeps_the_largest_weight()
    {
        Assert.Equal(EvidenceStrength.Strong, EvidenceWeights.Strength["exp_export_history"]);
        Assert.Equal("exp_export_history", Weights.MaxBy(w => w.Value).Key);
    }
}
