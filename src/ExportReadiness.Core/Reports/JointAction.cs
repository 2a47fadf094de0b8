using System.Text.Json.Serialization;
using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Core.Reports;

/// <summary>A kind of action a destination or programme can take once for many of its products.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JointActionKind>))]
public enum JointActionKind
{
    SharedTraining,
    SharedBookingChannel,
    JointCertification,
}

/// <summary>
/// Which joint action a shared gap calls for. Deliberately generic: it names the kind of action, never a programme,
/// provider or figure (those are in the support-programme catalogue, which has sources). Gaps of other kinds
/// (capacity, finance, logistics, …) differ too much between companies for one action to fit, so they get none.
/// </summary>
public sealed record JointAction(JointActionKind Kind, LocalizedText Hint)
{
    private static readonly JointAction Training = new(JointActionKind.SharedTraining, new(
        "Gemensam utbildning: många produkter har samma lucka, så en kurs eller workshop för alla kostar mindre per företag.",
        "Shared training: many products share this gap, so one course or workshop for all costs each company less."));
    private static readonly JointAction Booking = new(JointActionKind.SharedBookingChannel, new(
        "Gemensam bokningskanal: en gemensam bokningsplattform eller säljkanal för destinationen når researrangörer åt alla.",
        "Shared booking channel: one booking platform or sales channel for the destination reaches tour operators for all."));
    private static readonly JointAction Certification = new(JointActionKind.JointCertification, new(
        "Gemensam certifiering: att förbereda certifieringen tillsammans delar kostnaden för rådgivning och revision.",
        "Joint certification: preparing for certification together shares the cost of advice and audits."));

    /// <summary>The action for a gap in this question of this dimension, or null when none fits.</summary>
    public static JointAction? For(string questionId, string dimension) => questionId switch
    {
        // Tourism questions whose remedy differs from their dimension's: packages are sold through a booking
        // channel; net rates and prices ahead are pricing know-how for tour operators.
        "tour_bookable_packages" => Booking,
        "tour_net_rates" or "tour_prices_ahead" => Training,
        _ => dimension switch
        {
            "marketing" or "market" or "people" => Training,
            "channels" => Booking,
            "certifications" or "sustainability" => Certification,
            _ => null,
        },
    };
}
