using System.Text;
using ExportReadiness.Application.Access;
using ExportReadiness.Application.Learning;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Training;
using ExportReadiness.Core.Validation;
using static ExportReadiness.Application.Pages.Html;

namespace ExportReadiness.Application.Pages;

/// <summary>
/// The model card for advisors (<c>/advisor/model</c>), the API's <see cref="ModelCard"/> as a printable page: whether the
/// model learned anything from real labels, what from, how it does beside the prior and the rubric, what moved, whether
/// it is monotone and calibrated, whether recent assessments look like what it learned from, and the runs behind it.
/// </summary>
public sealed class ModelCardPage(ModelCardReader cards, QuestionnaireSchema schema)
{
    public async Task<IResult> Show(HttpRequest request, CancellationToken cancellationToken)
    {
        var lang = Language(request);
        var title = T(lang, "Modellkort", "Model card");
        var back = $"<p class=\"no-print\"><a href=\"/advisor?lang={lang}\">← {T(lang, "Portföljen", "Portfolio")}</a></p>";
        if (await cards.ReadAsync(cancellationToken) is not { } card)
            return Page(request, title, $"{back}<h1>{title}</h1><p id=\"no-model\">{T(lang, "Ingen modell är publicerad än.", "No model has been published yet.")}</p>", StatusCodes.Status404NotFound);

        var body = new StringBuilder(back)
            .Append($"<article class=\"report model-card\"><h1>{title}</h1>")
            .Append($"<p class=\"lead\">{T(lang, "Modell", "Model")} <code id=\"model-version\">{E(card.Version)}</code>, {T(lang, "tränad", "trained")} {card.TrainedAt:yyyy-MM-dd HH:mm} UTC</p>")
            .Append($"<p class=\"no-print\"><a href=\"/{Routes.ModelCard}\">JSON</a> <button type=\"button\" data-print>{T(lang, "Skriv ut / spara som PDF", "Print / save as PDF")}</button></p>")
            .Append(Learned(card, lang)).Append(TrainedOnSection(card.TrainedOn, lang)).Append(Figures(card, lang)).Append(Moved(card, lang))
            .Append(Calibration(card, lang)).Append(DriftSection(card.Drift, lang)).Append(RunsSection(card.Runs, lang)).Append("</article>");
        return Page(request, title, body.ToString(), head: AdvisorAntiforgery.Meta(request.HttpContext), script: "report.js");
    }

    private static string Learned(ModelCard card, string lang) => $"<section class=\"card\" id=\"learned\" data-learned=\"{(card.LearnedFromRealLabels ? "yes" : "no")}\"><p><strong>" + (card.LearnedFromRealLabels
        ? T(lang, $"Modellen har lärt sig av {card.TrainedOn.RealLabels} verkliga utfall", $"The model learned from {card.TrainedOn.RealLabels} real outcomes")
          + $"</strong> ({T(lang, "förhandsmodellen vägde som", "the prior counted as")} {(card.Recipe?.PriorStrength is { } s ? N(s, "0") + " " + T(lang, "företag", "companies") : T(lang, "allt (bara omkalibrerad)", "everything (recalibrated only)"))})."
        : T(lang, "Modellen är förhandsmodellen", "The model is the prior") + "</strong>: " +
          T(lang, "den bygger på publicerad forskning och syntetiska data och har inte lärt sig av verkliga utfall än (det krävs minst 40, med 10 av varje slag).",
            "it rests on published evidence and synthetic data and has not learned from real outcomes yet (at least 40, with 10 of each kind, are needed).")) + "</p></section>";

    private static string TrainedOnSection(TrainedOn on, string lang)
    {
        var html = new StringBuilder($"<section class=\"card\" id=\"trained-on\"><h2>{T(lang, "Tränad på", "Trained on")}</h2><table>")
            .Append($"<tr><th>{T(lang, "Förhandsmodell (prior)", "Prior")}</th><td>{E(on.PriorVersion ?? "–")} · {on.SyntheticRows} {T(lang, "syntetiska företag", "synthetic companies")}</td></tr>")
            .Append($"<tr><th>{T(lang, "Rådgivarnas bedömningar", "Advisor verdicts")}</th><td id=\"verdicts\">{on.Verdicts}</td></tr>");
        foreach (var set in on.OutcomeSets)
            html.Append($"<tr data-outcome-set=\"{E(set.Id)}\"><th>{T(lang, "Utfallsuppsättning", "Outcome set")}: {E(set.Name)}</th><td>{set.Rows} {T(lang, "rader", "rows")}")
                .Append(set.StillKept ? $" · {E(set.Source)} · {E(set.Definition)} · {set.OutcomeDate:yyyy-MM-dd}" : $" · {T(lang, "borttagen sedan", "removed since")}").Append("</td></tr>");
        return html.Append("</table></section>").ToString();
    }

    private static string Figures(ModelCard card, string lang)
    {
        var html = new StringBuilder($"<section class=\"card\" id=\"figures\"><h2>{T(lang, "Hur väl den stämmer", "How well it does")}</h2>");
        if (card.RealRows is { } r)
        {
            html.Append($"<p class=\"muted\">{T(lang, $"På {r.Rows} verkliga utfall ({r.Positives} exportredo), korsvaliderat {r.Folds}-faldigt {r.Repeats} gånger; 95 %-intervall från {r.Resamples} parade bootstrap-dragningar.", $"On {r.Rows} real outcomes ({r.Positives} export-ready), {r.Folds}-fold cross-validation repeated {r.Repeats} times; 95 % intervals from {r.Resamples} paired bootstrap resamples.")}</p>")
                .Append($"<table id=\"real-figures\"><tr><th></th><th>ROC AUC</th><th>log-loss</th><th>Brier</th><th>ECE</th></tr>")
                .Append(Row("model", T(lang, "Modellen", "The model"), r.Model)).Append(r.Champion is null ? "" : Row("champion", T(lang, "Föregående modell", "Previous model"), r.Champion))
                .Append(Row("prior", T(lang, "Förhandsmodellen", "The prior"), r.Prior)).Append(Row("rubric", T(lang, "Poängen (rubriken)", "The rubric"), r.Rubric))
                .Append(Row("base-rate", T(lang, "Bara basfrekvensen", "Base rate only"), r.BaseRate)).Append("</table>");
        }
        else if (card.SyntheticHeldOut is { } s)
            html.Append($"<p class=\"muted\">{T(lang, $"Inga verkliga utfall än: bara på {s.Rows} syntetiska testrader, som inte säger hur den gör på riktiga företag.", $"No real outcomes yet: only on {s.Rows} synthetic held-out rows, which do not say how it does on real companies.")}</p>")
                .Append($"<table id=\"synthetic-figures\"><tr><th></th><th>ROC AUC</th><th>log-loss</th><th>ECE</th></tr>")
                .Append($"<tr><td>{T(lang, "Modellen", "The model")}</td><td>{N(s.Model.Auc, "0.000")}</td><td>{N(s.Model.LogLoss, "0.000")}</td><td>{N(s.Model.ExpectedCalibrationError, "0.000")}</td></tr>")
                .Append($"<tr><td>{T(lang, "Poängen (rubriken)", "The rubric")}</td><td>{N(s.Rubric.Auc, "0.000")}</td><td>{N(s.Rubric.LogLoss, "0.000")}</td><td>{N(s.Rubric.ExpectedCalibrationError, "0.000")}</td></tr></table>");
        return html.Append("</section>").ToString();

        static string Row(string id, string name, RealRowFigures f) =>
            $"<tr data-side=\"{id}\"><td>{name}</td><td>{Interval(f.RocAuc)}</td><td>{Interval(f.LogLoss)}</td><td>{Interval(f.Brier)}</td><td>{Interval(f.Ece)}</td></tr>";
    }

    private string Moved(ModelCard card, string lang)
    {
        if (card.MovedMost.Count == 0) return "";
        var html = new StringBuilder($"<section class=\"card\" id=\"moved\"><h2>{T(lang, "Det som flyttade mest från förhandsmodellen", "What moved most from the prior")}</h2>")
            .Append($"<p class=\"muted\">{T(lang, "Log-odds från lägsta till högsta svar (sektor: dess nivå; storlek och ålder: per ln-enhet); intervall: jackknife över korsvalideringens delmodeller.", "Log-odds from the lowest to the top answer (sector: its offset; size and age: per ln unit); interval: jackknife over the cross-validation's fold models.")}</p>")
            .Append($"<table id=\"moved-table\"><tr><th>{T(lang, "Term", "Term")}</th><th>{T(lang, "Evidens", "Evidence")}</th><th>{T(lang, "Förhand", "Prior")}</th><th>{T(lang, "Nu", "Now")}</th><th>{T(lang, "Intervall", "Interval")}</th></tr>");
        foreach (var w in card.MovedMost)
            html.Append($"<tr data-term=\"{E(w.Term)}\"><td>{E(TermName(w, lang))}</td><td>{(w.Evidence is { } e ? EvidenceName(e, lang) : "–")}</td><td>{N(w.Prior, "0.00")}</td><td>{N(w.Model, "0.00")}</td>")
                .Append($"<td>{(w.Lower is { } lo && w.Upper is { } hi ? $"[{N(lo, "0.00")}, {N(hi, "0.00")}]" : "–")}</td></tr>");
        return html.Append("</table></section>").ToString();
    }

    private static string Calibration(ModelCard card, string lang)
    {
        var m = card.Monotonicity;
        var points = card.Reliability.Select(b => new Charts.ReliabilityPoint(b.MeanPredicted, b.Observed, b.Rows)).ToList();
        var on = card.ReliabilitySource == TrainingProfile.Real ? T(lang, "verkliga utfall, korsvaliderat", "real outcomes, cross-validated") : T(lang, "syntetiska testrader", "synthetic held-out rows");
        return $"<section class=\"card\" id=\"monotonicity\"><h2>{T(lang, "Monoton", "Monotone")}</h2><p>" + (m is null ? "–"
                : T(lang, $"{m.Violations} sänkningar på {m.Checks} slumpade höjningar av ett svar: ett bättre svar sänker aldrig värdet.", $"{m.Violations} drops in {m.Checks} random one-step raises of an answer: a better answer never lowers the score.")) + "</p></section>"
            + $"<section class=\"card\" id=\"reliability\"><h2>{T(lang, "Kalibrering", "Calibration")}</h2><p class=\"muted\">{on}</p>"
            + Charts.Reliability(points, T(lang, "Tillförlitlighetsdiagram", "Reliability diagram"), T(lang, "förutsagd sannolikhet", "predicted probability"), T(lang, "andel exportredo", "share export-ready"))
            + "</section>";
    }

    private string DriftSection(DriftReport? drift, string lang)
    {
        var html = new StringBuilder($"<section class=\"card\" id=\"drift\"><h2>{T(lang, "Drift: senaste 90 dagarna mot träningsdata", "Drift: the last 90 days against the training data")}</h2>");
        if (drift is null) return html.Append($"<p>{T(lang, "Mäts i nästa nattliga körning.", "Measured by the next nightly run.")}</p></section>").ToString();
        var level = drift.Level switch
        {
            "large" => T(lang, "Stor förskjutning: de senaste bedömningarna liknar inte det modellen lärt sig av.", "Large shift: recent assessments do not look like what the model learned from."),
            "moderate" => T(lang, "Måttlig förskjutning.", "Moderate shift."),
            "none" => T(lang, "Ingen nämnvärd förskjutning.", "No notable shift."),
            _ => T(lang, $"För få bedömningar för att säga (minst {DriftReport.MinimumAssessments}).", $"Too few assessments to say (at least {DriftReport.MinimumAssessments})."),
        };
        html.Append($"<p id=\"drift-level\" data-level=\"{drift.Level}\" class=\"flag-{drift.Level}\">{level}</p>")
            .Append($"<p class=\"muted\">{drift.Assessments} {T(lang, "bedömningar", "assessments")} {drift.From:yyyy-MM-dd}–{drift.To:yyyy-MM-dd}; {T(lang, "jämfört med", "compared with")} {drift.ReferenceRows} {(drift.ReferenceSource == TrainingProfile.Real ? T(lang, "verkliga utfall", "real outcomes") : T(lang, "syntetiska företag", "synthetic companies"))}. PSI ≥ {N(DriftReport.LargeShift, "0.00")} {T(lang, "räknas som stor", "counts as large")}.</p>")
            .Append($"<table id=\"drift-table\"><tr><th></th><th>PSI</th></tr>");
        foreach (var shift in drift.Dimensions.Prepend(drift.Score!))
            html.Append($"<tr data-distribution=\"{E(shift.Id)}\"{(shift.Large && drift.Assessments >= DriftReport.MinimumAssessments ? " class=\"flag-large\"" : "")}><td>{(shift.Id == RecentScores.Score ? T(lang, "Exportmognad (värde)", "Readiness score") : E(schema.DimensionName(shift.Id, lang)))}</td><td>{N(shift.Psi, "0.000")}</td></tr>");
        return html.Append("</table></section>").ToString();
    }

    private static string RunsSection(IReadOnlyList<RunOnCard> runs, string lang)
    {
        var html = new StringBuilder($"<section class=\"card\" id=\"runs\"><h2>{T(lang, "Körningar", "Runs")}</h2><table id=\"runs-table\"><tr><th>{T(lang, "Start", "Started")}</th><th>{T(lang, "Publicerad", "Published")}</th><th>{T(lang, "Beslut", "Decision")}</th></tr>");
        foreach (var r in runs)
            html.Append($"<tr data-run=\"{E(r.Id)}\"><td>{r.StartedAt:yyyy-MM-dd HH:mm} ({E(r.Trigger)})</td><td>{(r.Published ? T(lang, "ja", "yes") : T(lang, "nej", "no"))}</td><td>{E(r.Decision ?? r.Status.ToString())}</td></tr>");
        return html.Append("</table></section>").ToString();
    }

    private string TermName(WeightShift w, string lang) => w.Kind switch
    {
        WeightShift.Question => schema.QuestionsById.TryGetValue(w.Term, out var q) ? q.Text.In(lang) : w.Term,
        WeightShift.Sector => T(lang, "Bransch: ", "Sector: ") + schema.SectorName(w.Term, lang),
        _ => w.Term == "log_employees" ? T(lang, "Storlek (ln anställda)", "Size (ln employees)") : T(lang, "Ålder (ln år)", "Age (ln years)"),
    };

    private static string EvidenceName(EvidenceStrength e, string lang) => e switch
    {
        EvidenceStrength.Strong => T(lang, "stark", "strong"),
        EvidenceStrength.Moderate => T(lang, "måttlig", "moderate"),
        EvidenceStrength.Mixed => T(lang, "blandad", "mixed"),
        EvidenceStrength.Indirect => T(lang, "indirekt", "indirect"),
        EvidenceStrength.Against => T(lang, "emot", "against"),
        EvidenceStrength.Definition => T(lang, "definition", "definition"),
        _ => T(lang, "ingen", "none"),
    };

    private static string Interval(Estimate e) => e.Value is not { } v ? "–"
        : $"{N(v, "0.000")}" + (e.Lower is { } lo && e.Upper is { } hi ? $" <span class=\"muted\">[{N(lo, "0.000")}, {N(hi, "0.000")}]</span>" : "");
}
