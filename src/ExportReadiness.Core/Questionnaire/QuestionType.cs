using System.Text.Json.Serialization;

namespace ExportReadiness.Core.Questionnaire;

[JsonConverter(typeof(JsonStringEnumConverter<QuestionType>))]
public enum QuestionType
{
    [JsonStringEnumMemberName("choice")] Choice,
    [JsonStringEnumMemberName("yesNo")] YesNo,
    [JsonStringEnumMemberName("number")] Number,
}
