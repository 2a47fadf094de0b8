using System.Text.Json;
using System.Text.RegularExpressions;
using ExportReadiness.Core.Localization;
using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Core.Assessments;

/// <summary>
/// Reads a submission from raw JSON field by field, so every problem is reported against the field
/// that has it (<c>company.employees</c>, <c>answers.mgmt_export_strategy</c>) rather than as one
/// deserialisation failure. Each message is written in Swedish and English (<see cref="Messages"/>).
/// </summary>
public sealed partial class SubmissionValidator(QuestionnaireSchema schema, TimeProvider? clock = null)
{
    /// <summary>A programme becomes a Table Storage PartitionKey; the schema may allow less, never more.</summary>
    public const int MaxProgrammeLength = 64;

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    // Programme becomes a Table Storage PartitionKey: no / \ # ? or control characters allowed there.
    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N} _.\-]*$")]
    private static partial Regex ProgrammePattern();

    public static bool IsValidProgramme(string programme) => programme.Length <= MaxProgrammeLength && ProgrammePattern().IsMatch(programme);

    public ValidationOutcome Validate(JsonElement root)
    {
        var errors = new ErrorCollector();
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("$", Messages.BodyMustBeObject);
            return errors.Outcome(null);
        }

        var version = ReadInt(root, "schemaVersion", errors, int.MinValue, int.MaxValue, required: true);
        if (version is not null && version != schema.SchemaVersion)
            errors.Add("schemaVersion", Messages.SchemaVersionNotServed(version.Value, schema.SchemaVersion));

        var programme = ReadText(root, "programme", errors) ?? Submission.DefaultProgramme;
        if (!ProgrammePattern().IsMatch(programme))
            errors.Add("programme", Messages.ProgrammeRule);

        var (company, sector) = ReadCompany(Child(root, "company", errors), errors);
        var product = ReadProduct(Child(root, "product", errors), errors);
        // A known sector decides which answers are required, even when another company field is wrong.
        var answers = ReadAnswers(root, sector, errors);

        return errors.Outcome(errors.Count == 0
            ? new Submission(version!.Value, programme, company!, product!, answers)
            : null);
    }

    private (CompanyProfile? Company, string? Sector) ReadCompany(JsonElement? company, ErrorCollector errors)
    {
        if (company is not { } c) return (null, null);
        var before = errors.Count;
        var name = ReadText(c, "company.name", errors);
        var sector = ReadString(c, "sector", errors, 64, schema.Field("company.sector").Required, prefix: "company");
        if (sector is not null && schema.FindSector(sector) is null)
            errors.Add("company.sector", Messages.UnknownSector(sector, schema.Sectors.Select(s => s.Id)));
        var employees = ReadWhole(c, "company.employees", errors);
        var turnover = ReadBounded(c, "company.turnoverSek", errors);
        var year = ReadWhole(c, "company.yearFounded", errors);
        var region = ReadString(c, "region", errors, 16, schema.Field("company.region").Required, prefix: "company");
        if (region is not null && !schema.HasRegion(region))
            errors.Add("company.region", Messages.UnknownRegion(region));
        var share = ReadBounded(c, "company.exportSharePercent", errors);
        var knownSector = sector is not null && schema.FindSector(sector) is not null ? sector : null;
        return errors.Count == before && name is not null && knownSector is not null && region is not null
            ? (new CompanyProfile(name, knownSector, employees!.Value, turnover!.Value, year!.Value, region, share!.Value), knownSector)
            : (null, knownSector);
    }

    private ProductInfo? ReadProduct(JsonElement? product, ErrorCollector errors)
    {
        if (product is not { } p) return null;
        var name = ReadText(p, "product.name", errors);
        var description = ReadText(p, "product.description", errors);
        return name is null ? null : new ProductInfo(name, description);
    }

    private Dictionary<string, Answer> ReadAnswers(JsonElement root, string? sector, ErrorCollector errors)
    {
        var answers = new Dictionary<string, Answer>(StringComparer.Ordinal);
        if (!root.TryGetProperty("answers", out var element) || element.ValueKind != JsonValueKind.Object)
        {
            errors.Add("answers", Messages.AnswersRequired);
            return answers;
        }

        foreach (var property in element.EnumerateObject())
        {
            var field = $"answers.{property.Name}";
            if (!schema.QuestionsById.TryGetValue(property.Name, out var question))
            {
                errors.Add(field, Messages.UnknownQuestion);
                continue;
            }
            if (property.Value.ValueKind == JsonValueKind.Null) continue;
            if (sector is not null && !question.AppliesToSector(sector))
            {
                errors.Add(field, Messages.NotForSector(sector));
                continue;
            }
            if (ReadAnswer(question, property.Value, field, errors) is { } answer) answers[question.Id] = answer;
        }

        if (sector is null) return answers; // which questions are required depends on the sector
        foreach (var question in schema.Questions)
        {
            if (question.Required && question.AppliesToSector(sector) && !answers.ContainsKey(question.Id)
                && !errors.Has($"answers.{question.Id}"))
                errors.Add($"answers.{question.Id}", Messages.AnswerRequired);
        }
        return answers;
    }

    private static Answer? ReadAnswer(Question question, JsonElement value, string field, ErrorCollector errors)
    {
        switch (question.Type)
        {
            case QuestionType.Choice when value.ValueKind == JsonValueKind.String:
                var choice = value.GetString()!;
                if (question.Options!.Any(o => o.Value == choice)) return Answer.Of(choice);
                errors.Add(field, Messages.NotAnOption(Truncate(choice), question.Options!.Select(o => o.Value)));
                return null;
            case QuestionType.Choice:
                errors.Add(field, Messages.ExpectedOptionValue);
                return null;
            case QuestionType.YesNo when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                return Answer.Of(value.GetBoolean());
            case QuestionType.YesNo:
                errors.Add(field, Messages.ExpectedTrueOrFalse);
                return null;
            case QuestionType.Number when value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number):
                if (number >= question.Min && number <= question.Max) return Answer.Of(number);
                errors.Add(field, Messages.Between(question.Min!.Value, question.Max!.Value));
                return null;
            default:
                errors.Add(field, Messages.ExpectedNumberBetween(question.Min!.Value, question.Max!.Value));
                return null;
        }
    }

    private static JsonElement? Child(JsonElement parent, string name, ErrorCollector errors)
    {
        if (parent.TryGetProperty(name, out var child) && child.ValueKind == JsonValueKind.Object) return child;
        errors.Add(name, Messages.ObjectRequired);
        return null;
    }

    // Context fields, read with the bounds the schema gives them (the form shows the same ones).
    private string? ReadText(JsonElement parent, string fieldId, ErrorCollector errors)
    {
        var f = schema.Field(fieldId);
        var (prefix, name) = Split(fieldId);
        return ReadString(parent, name, errors, f.MaxLength ?? int.MaxValue, f.Required, prefix);
    }

    private double? ReadBounded(JsonElement parent, string fieldId, ErrorCollector errors)
    {
        var f = schema.Field(fieldId);
        var (prefix, name) = Split(fieldId);
        return ReadNumber(parent, name, errors, f.Min ?? double.MinValue, f.MaxOn(_clock.GetUtcNow()) ?? double.MaxValue, f.Required, prefix);
    }

    private int? ReadWhole(JsonElement parent, string fieldId, ErrorCollector errors)
    {
        var f = schema.Field(fieldId);
        var (prefix, name) = Split(fieldId);
        return ReadInt(parent, name, errors, (int)(f.Min ?? int.MinValue), (int)(f.MaxOn(_clock.GetUtcNow()) ?? int.MaxValue), f.Required, prefix);
    }

    private static (string? Prefix, string Name) Split(string fieldId) =>
        fieldId.LastIndexOf('.') is var dot and >= 0 ? (fieldId[..dot], fieldId[(dot + 1)..]) : (null, fieldId);

    private static string? ReadString(JsonElement parent, string name, ErrorCollector errors, int maxLength, bool required, string? prefix = null)
    {
        var field = prefix is null ? name : $"{prefix}.{name}";
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required) errors.Add(field, Messages.ValueRequired);
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(field, Messages.ExpectedString);
            return null;
        }
        var text = value.GetString()!.Trim();
        if (text.Length == 0 && required) errors.Add(field, Messages.ValueRequired);
        else if (text.Length > maxLength) errors.Add(field, Messages.AtMostCharacters(maxLength));
        else if (text.Any(char.IsControl) && name != "description") errors.Add(field, Messages.ControlCharacters);
        else return text.Length == 0 ? null : text;
        return null;
    }

    private static double? ReadNumber(JsonElement parent, string name, ErrorCollector errors, double min, double max, bool required, string? prefix = null)
    {
        var field = prefix is null ? name : $"{prefix}.{name}";
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required) errors.Add(field, Messages.ValueRequired);
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            errors.Add(field, Messages.ExpectedNumber);
            return null;
        }
        if (number < min || number > max)
        {
            errors.Add(field, Messages.Between(min, max));
            return null;
        }
        return number;
    }

    private static int? ReadInt(JsonElement parent, string name, ErrorCollector errors, int min, int max, bool required, string? prefix = null)
    {
        var number = ReadNumber(parent, name, errors, min, max, required, prefix);
        if (number is null) return null;
        if (number != Math.Floor(number.Value))
        {
            errors.Add(prefix is null ? name : $"{prefix}.{name}", Messages.ExpectedWholeNumber);
            return null;
        }
        return (int)number.Value;
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
