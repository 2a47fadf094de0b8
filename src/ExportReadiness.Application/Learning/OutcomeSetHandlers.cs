using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Validation;
using ExportReadiness.Core.Localization;
using ExportReadiness.Core.Training;
using ExportReadiness.Core.Validation;
using ExportReadiness.Application.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ExportReadiness.Application.Learning;

/// <summary>
/// Advisors keep outcome files as training labels (<c>POST /api/outcome-sets</c>: the file as a <c>text/csv</c> body with the
/// set's fields in the query, or a multipart form with the file and the fields), list them and remove them. A file is read
/// exactly as <c>POST /api/validation</c> reads it; a set is identified by its bytes, so uploading the same file again
/// answers the set already kept. The nightly run learns from every kept set.
/// </summary>
public sealed partial class OutcomeSetHandlers(OutcomeValidator reader, IOutcomeSetStore store, TimeProvider clock, IOptions<ExportReadinessOptions> options, ILogger<OutcomeSetHandlers> logger)
{
    public const int MaxNameLength = 200;
    public const int MaxDefinitionLength = 1000;
    public const int RejectionsKept = 100;

    public async Task<Results<Created<OutcomeSet>, Ok<OutcomeSet>, ValidationProblem, ProblemHttpResult>> Add(HttpContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var texts = ApiMessages.Of(request);
        var limit = OutcomeUpload.Limit(options.Value);
        if (request.ContentLength > limit) return OutcomeUpload.TooLarge(limit, texts);
        var (file, problem) = await CsvUpload.OpenAsync(request, limit, cancellationToken);
        if (problem is not null) return problem;
        // The set's fields: the query's, and a form's (which win) when the file came in a form.
        var fields = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString());
        if (request.HasFormContentType)
            foreach (var (key, value) in await request.ReadFormAsync(cancellationToken)) fields[key] = value.ToString();
        var (set, format, errors) = ReadFields(fields, texts);
        if (errors.Count > 0) return Problems.Invalid(errors, Messages.InvalidOutcomeSet, texts);
        if (await BoundedBody.ReadAsync(file!, limit, cancellationToken) is not { } content) return OutcomeUpload.TooLarge(limit, texts);
        if (context.User.Identity?.Name is not { Length: > 0 } advisor)
            return Problems.Status(StatusCodes.Status401Unauthorized, Messages.NotAnAdvisor, null, texts);

        var (labels, unusable) = await OutcomeUpload.ReadAsync(content, text => reader.ReadLabelsAsync(text, ApiMessages.InEnglish(context.RequestServices), format, cancellationToken: cancellationToken), texts);
        if (unusable is not null) return unusable;

        var id = Convert.ToHexStringLower(SHA256.HashData([.. Encoding.UTF8.GetBytes(labels!.Format + "\n"), .. content]))[..24];
        var (kept, created) = await store.AddAsync(new OutcomeSet
        {
            Id = id,
            Name = set!.Name,
            Source = set.Source,
            Definition = set.Definition,
            OutcomeDate = set.Date,
            Format = labels.Format,
            UploadedAt = clock.GetUtcNow(),
            UploadedBy = advisor,
            Rows = labels.Rows.Count,
            Positives = labels.Rows.Count(r => r.ExportReady),
            RejectedRows = labels.Rejected.Count,
            Rejected = [.. labels.Rejected.Take(RejectionsKept)],
            Notes = labels.Notes,
        }, labels.Rows, cancellationToken);
        if (created) LogKept(kept.Id, kept.Rows, advisor);
        return created ? TypedResults.Created(Location(kept.Id), kept) : TypedResults.Ok(kept);
    }

    public async Task<Ok<IReadOnlyList<OutcomeSet>>> List(CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(cancellationToken));

    public async Task<Results<Ok<OutcomeSet>, ProblemHttpResult>> Get(string id, HttpRequest request, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } set ? TypedResults.Ok(set) : NotFound(request);

    /// <summary>204 when the set was kept and is now removed; 404 when there is no such set (a removal already done).</summary>
    public async Task<Results<NoContent, ProblemHttpResult>> Remove(string id, HttpContext context, CancellationToken cancellationToken)
    {
        if (!await store.RemoveAsync(id, cancellationToken)) return NotFound(context.Request);
        LogRemoved(id, context.User.Identity?.Name ?? "");
        return TypedResults.NoContent();
    }

    /// <summary>The set's own fields, every problem at once. The id, counts and uploader are filled in from the file and the request.</summary>
    private sealed record SetFields(string Name, string Source, string Definition, DateOnly Date);

    private (SetFields? Set, OutcomeFormat Format, Dictionary<string, string[]> Errors) ReadFields(IReadOnlyDictionary<string, string> fields, IMessageTexts texts)
    {
        var errors = new Dictionary<string, string[]>();
        string Text(string name, int max)
        {
            var value = fields.GetValueOrDefault(name)?.Trim() ?? "";
            if (value.Length == 0) errors[name] = [texts.Text(Messages.ValueRequired)];
            else if (value.Length > max) errors[name] = [texts.Text(Messages.AtMostCharacters(max))];
            return value;
        }
        var name = Text("name", MaxNameLength);
        var source = Text("source", MaxNameLength);
        var definition = Text("definition", MaxDefinitionLength);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var earliest = new DateOnly(1990, 1, 1);
        DateOnly date = default;
        if (!DateOnly.TryParseExact(fields.GetValueOrDefault("date"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            errors["date"] = [texts.Text(Messages.UseDate)];
        else if (date < earliest || date > today) errors["date"] = [texts.Text(Messages.DateBetween(earliest, today))];
        if (!OutcomeUpload.TryParseFormat(fields.GetValueOrDefault("format"), out var format))
            errors["format"] = [texts.Text(Messages.UseOneOf(Enum.GetNames<OutcomeFormat>()))];
        return (errors.Count > 0 ? null : new SetFields(name, source, definition, date), format, errors);
    }

    private static string Location(string id) => "/" + Routes.OutcomeSet.Replace("{id}", Uri.EscapeDataString(id));

    private static ProblemHttpResult NotFound(HttpRequest request) =>
        Problems.Status(StatusCodes.Status404NotFound, Messages.NotFound, Messages.NoSuchOutcomeSet, ApiMessages.Of(request));

    [LoggerMessage(Level = LogLevel.Information, Message = "Outcome set {SetId} kept by {Advisor}: {Rows} labelled rows")]
    private partial void LogKept(string setId, int rows, string advisor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outcome set {SetId} removed by {Advisor}")]
    private partial void LogRemoved(string setId, string advisor);
}
