using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Core.Localization;

/// <summary>
/// Every message the API answers with, in Swedish and English side by side, so a translation is reviewed next to
/// its original and no handler writes <c>lang == "sv" ? … : …</c>. Here in Core because the submission validator
/// writes most of them; the HTTP layer picks the language (<c>Accept-Language</c>) and calls <see cref="LocalizedText.In"/>.
/// Field names (the keys of problem details' <c>errors</c>) are never translated: clients match on them.
/// </summary>
public static class Messages
{
    // Problem titles.
    public static readonly LocalizedText InvalidRequest = new("Begäran har ogiltiga fält.", "The request has invalid fields.");
    public static readonly LocalizedText InvalidQuestionnaire = new("Frågeformuläret har ogiltiga eller saknade svar.", "The questionnaire has invalid or missing answers.");
    public static readonly LocalizedText InvalidReview = new("Granskningen har ogiltiga fält.", "The review has invalid fields.");
    public static readonly LocalizedText InvalidListFilters = new("Listans filter är ogiltiga.", "The list filters are invalid.");
    public static readonly LocalizedText InvalidReportFilters = new("Rapportens filter är ogiltiga.", "The report filters are invalid.");
    public static readonly LocalizedText InvalidExportFilters = new("Exportens filter är ogiltiga.", "The export filters are invalid.");
    public static readonly LocalizedText NotFound = new("Hittades inte.", "Not found.");

    // The body of a request.
    public static readonly LocalizedText UnsupportedMediaType = new("Medietypen stöds inte.", "Unsupported media type.");
    public static readonly LocalizedText SendJson = new("Skicka innehållet som application/json.", "Send the body as application/json.");
    public static readonly LocalizedText BodyTooLarge = new("Innehållet är för stort.", "The body is too large.");
    public static LocalizedText AtMostKiB(int kib) => new($"Högst {kib} KiB tas emot.", $"At most {kib} KiB is accepted.");
    public static LocalizedText NotJson(long line, long position) =>
        new($"Innehållet är inte giltig JSON (rad {line}, position {position}).", $"The body is not valid JSON (line {line}, position {position}).");
    public static readonly LocalizedText NotUnicode = new(
        "Innehåller text som inte är giltig Unicode (byte som inte är UTF-8, eller ett oparat \\u-surrogat).",
        "Contains text that is not valid Unicode (bytes that are not UTF-8, or an unpaired \\u surrogate).");
    public static readonly LocalizedText BodyMustBeObject = new("Innehållet måste vara ett JSON-objekt.", "The body must be a JSON object.");

    // Field values, shared by the questionnaire, reviews and filters.
    public static readonly LocalizedText ValueRequired = new("Ett värde krävs.", "A value is required.");
    public static readonly LocalizedText ObjectRequired = new("Ett objekt krävs.", "An object is required.");
    public static readonly LocalizedText ExpectedString = new("Förväntade en text (string).", "Expected a string.");
    public static readonly LocalizedText ExpectedNumber = new("Förväntade ett tal.", "Expected a number.");
    public static readonly LocalizedText ExpectedWholeNumber = new("Förväntade ett heltal.", "Expected a whole number.");
    public static readonly LocalizedText ExpectedTrueOrFalse = new("Förväntade true eller false.", "Expected true or false.");
    public static readonly LocalizedText ControlCharacters = new("Styrtecken är inte tillåtna.", "Control characters are not allowed.");
    public static LocalizedText AtMostCharacters(int max) => new($"Högst {max} tecken.", $"At most {max} characters.");
    public static LocalizedText Between(double min, double max) => new($"Måste vara mellan {N(min)} och {N(max)}.", $"Must be between {N(min)} and {N(max)}.");
    public static LocalizedText WholeNumberBetween(int min, int max) => new($"Ett heltal från {min} till {max}.", $"A whole number from {min} to {max}.");
    public static LocalizedText UseOneOf(IEnumerable<string> values) =>
        new($"Använd ett av: {string.Join(", ", values)}.", $"Use one of: {string.Join(", ", values)}.");
    public static readonly LocalizedText NotAValidValue = new("Inget giltigt värde.", "Not a valid value.");
    public static readonly LocalizedText UseDate = new("Ange ett datum som ÅÅÅÅ-MM-DD.", "Use a date as yyyy-MM-dd.");
    public static readonly LocalizedText UnknownContinuationToken = new(
        "Okänd continuationToken: skicka den som förra sidan gav, eller ingen för första sidan.",
        "Unknown continuationToken: send the one the previous page gave, or none for the first page.");

    // The questionnaire (SubmissionValidator).
    public static LocalizedText SchemaVersionNotServed(int version, int served) =>
        new($"Schemaversion {version} finns inte; använd {served}.", $"Schema version {version} is not served; use {served}.");
    public static readonly LocalizedText ProgrammeRule = new(
        "Använd bokstäver, siffror, mellanslag, '.', '_' eller '-', och börja med en bokstav eller siffra.",
        "Use letters, digits, spaces, '.', '_' or '-', starting with a letter or digit.");
    public static LocalizedText UnknownSector(string sector, IEnumerable<string> sectors) =>
        new($"Okänd bransch '{sector}'. Använd en av: {string.Join(", ", sectors)}.", $"Unknown sector '{sector}'. Use one of: {string.Join(", ", sectors)}.");
    public static LocalizedText UnknownRegion(string region) =>
        new($"Okänt län '{region}'. Använd en länskod som SE-AC, eller 'outside'.", $"Unknown region '{region}'. Use a county code such as SE-AC, or 'outside'.");
    public static readonly LocalizedText AnswersRequired = new("Ett objekt med svaren, med frågornas id som nycklar, krävs.", "An object of answers keyed by question id is required.");
    public static readonly LocalizedText UnknownQuestion = new("Okänt fråge-id.", "Unknown question id.");
    public static LocalizedText NotForSector(string sector) =>
        new($"Frågan gäller inte branschen '{sector}'; utelämna den.", $"This question does not apply to sector '{sector}'; leave it out.");
    public static readonly LocalizedText AnswerRequired = new("Ett svar krävs.", "An answer is required.");
    public static LocalizedText NotAnOption(string choice, IEnumerable<string> options) =>
        new($"'{choice}' är inget svarsalternativ. Använd ett av: {string.Join(", ", options)}.", $"'{choice}' is not an option. Use one of: {string.Join(", ", options)}.");
    public static readonly LocalizedText ExpectedOptionValue = new("Förväntade ett av svarsalternativens värden, som text.", "Expected one of the option values, as a string.");
    public static LocalizedText ExpectedNumberBetween(double min, double max) =>
        new($"Förväntade ett tal mellan {N(min)} och {N(max)}.", $"Expected a number between {N(min)} and {N(max)}.");

    // Reviews.
    public static readonly LocalizedText UseVerdict = new("Använd ExportReady eller NotYet.", "Use ExportReady or NotYet.");
    public static readonly LocalizedText SignInToReview = new("Logga in som rådgivare för att registrera en bedömning.", "Sign in as an advisor to record a verdict.");
    public static readonly LocalizedText AlreadyReviewed = new("Bedömningen har redan granskats.", "This assessment has a review already.");
    public static readonly LocalizedText SendIfMatch = new("Skicka granskningens version (ETag) i If-Match.", "Send its version (ETag) in If-Match.");
    public static readonly LocalizedText ReviewChanged = new("Granskningen har ändrats sedan du läste den.", "The review changed since you read it.");
    public static readonly LocalizedText ReloadReview = new("Läs in granskningen igen och bedöm på nytt.", "Reload the review and decide again.");
    public static readonly LocalizedText NoSuchAssessment = new("Ingen bedömning med detta id.", "No assessment with this id.");
    /// <summary>Alike for an unknown id and a token of another product: nobody learns which assessments exist.</summary>
    public static readonly LocalizedText PreviousAssessmentNotYours = new(
        "Ingen tidigare bedömning med detta id hör till åtkomstnyckeln i X-Assessment-Token.",
        "No earlier assessment with this id belongs to the access token in X-Assessment-Token.");

    // Stage moves (the funnel).
    public static readonly LocalizedText InvalidStageMove = new("Förflyttningen har ogiltiga fält.", "The stage move has invalid fields.");
    public static readonly LocalizedText SignInToMoveStage = new("Logga in som rådgivare för att flytta en produkt.", "Sign in as an advisor to move a product.");
    public static LocalizedText DateBetween(DateOnly earliest, DateOnly latest) =>
        new($"Datumet måste ligga mellan {earliest:yyyy-MM-dd} och i dag ({latest:yyyy-MM-dd}).", $"The date must be between {earliest:yyyy-MM-dd} and today ({latest:yyyy-MM-dd}).");

    public static readonly LocalizedText NoSuchProduct = new("Ingen produkt med detta id.", "No product with this id.");

    public static readonly LocalizedText NoVisibleAssessment = new(
        "Ingen bedömning med detta id syns med de uppgifter som skickades.", "No assessment with this id is visible with the credentials given.");

    // Action plans.
    public static readonly LocalizedText InvalidAction = new("Åtgärden har ogiltiga fält.", "The action has invalid fields.");
    public static readonly LocalizedText NotAGap = new(
        "Inte en lucka i denna bedömning: välj en av luckorna i planens gaps.", "Not a gap of this assessment: pick one of the plan's gaps.");
    public static readonly LocalizedText DateOutOfRange = new("Datumet ligger för långt bort.", "The date is too far away.");
    public static readonly LocalizedText ActionIdRule = new(
        "Ett id på högst 64 tecken: bokstäver, siffror, '-' eller '_'.", "An id of at most 64 characters: letters, digits, '-' or '_'.");
    public static readonly LocalizedText NoSuchAction = new("Ingen åtgärd med detta id i produktens plan.", "No action with this id in the product's plan.");
    public static readonly LocalizedText ActionIdTaken = new("Åtgärdens id finns redan, med annat innehåll.", "The action's id exists already, with other content.");
    public static readonly LocalizedText ActionChanged = new("Åtgärden har ändrats sedan du läste den.", "The action changed since you read it.");
    public static readonly LocalizedText ReloadAction = new("Läs in planen igen och skicka åtgärdens nya version (ETag) i If-Match.", "Reload the plan and send the action's new version (ETag) in If-Match.");
    public static readonly LocalizedText SendActionIfMatch = new("Skicka åtgärdens version (ETag) i If-Match.", "Send the action's version (ETag) in If-Match.");

    // Batch uploads. The reasons of rejected rows are written later, by the ingest, in both languages (RejectedRow).
    public static readonly LocalizedText SendCsv = new("Skicka text/csv, eller multipart/form-data med en fil.", "Send text/csv, or multipart/form-data with a file.");
    public static readonly LocalizedText NoFileInForm = new("Ingen fil i formuläret.", "No file in the form.");
    public static readonly LocalizedText AttachCsv = new("Bifoga CSV-filen som ett filfält.", "Attach the CSV as a file field.");
    public static readonly LocalizedText FileTooLarge = new("Filen är för stor.", "The file is too large.");
    public static LocalizedText AtMostMiB(long mib) => new($"Högst {mib} MiB.", $"At most {mib} MiB.");
    public static readonly LocalizedText WrongColumns = new("Filens kolumner är inte mallens.", "The file's columns are not those of the template.");
    public static LocalizedText UnknownColumn(string column) => new($"Okänd kolumn '{column}'.", $"Unknown column '{column}'.");
    public static LocalizedText MissingColumn(string column) => new($"Kolumnen '{column}' saknas.", $"Missing column '{column}'.");
    public static readonly LocalizedText ColumnTwice = new("En kolumn förekommer två gånger.", "A column appears twice.");
    public static readonly LocalizedText NoSuchBatch = new("Ingen batch med detta id.", "No batch with this id.");
    public static readonly LocalizedText NoIngestedBatch = new("Ingen inläst batch med detta id.", "No ingested batch with this id.");
    public static LocalizedText UnknownProduct(string column, string id) =>
        new($"{column}: ingen produkt eller bedömning med id '{id}'.", $"{column}: no product or assessment with id '{id}'.");
    public static LocalizedText RowCells(int cells, int columns) =>
        new($"Raden har {cells} celler; rubrikraden har {columns}.", $"The row has {cells} cells; the header has {columns}.");
    /// <summary>The reader's own words stay as they are (English): they name what it tripped on.</summary>
    public static LocalizedText RowUnreadable(string why) => new($"Raden kan inte läsas: {why}", $"The row cannot be read: {why}");

    // Access (401, 403, 429, antiforgery).
    public static readonly LocalizedText AdvisorKeyRequired = new("En rådgivarnyckel krävs.", "An advisor key is required.");
    public static LocalizedText SendAdvisorKey(string header, string signIn) =>
        new($"Skicka den i huvudet {header}, eller logga in på {signIn}.", $"Send it in the {header} header, or sign in at {signIn}.");
    public static readonly LocalizedText NotAnAdvisor = new("Du är inloggad, men inte som rådgivare.", "You are signed in, but not as an advisor.");
    public static readonly LocalizedText AskForAdvisorRole = new("Be om appens rådgivarroll.", "Ask for the advisor role of this app.");
    public static readonly LocalizedText TooManyWrongKeys = new("För många felaktiga rådgivarnycklar från den här adressen.", "Too many wrong advisor keys from this address.");
    public static readonly LocalizedText WaitRetryAfter = new("Vänta den tid som Retry-After anger och försök sedan igen.", "Wait for the time in Retry-After, then try again.");
    public static readonly LocalizedText AntiforgeryInvalid = new("Förfalskningsskyddets token saknas eller är ogiltig.", "The antiforgery token is missing or invalid.");
    /// <summary>The framework's own words (<paramref name="why"/>, English) name the missing cookie, field or header.</summary>
    public static LocalizedText SendAntiforgery(string why, string header, string field) =>
        new($"{why} Skicka rådgivarsidans token i huvudet {header} (eller formulärfältet {field}).",
            $"{why} Send the token of the advisor page in the {header} header (or the {field} form field).");

    // Unavailable (503).
    public static readonly LocalizedText StorageUnavailable = new("Lagringen är inte nåbar; försök igen om en stund.", "Storage is unavailable; try again shortly.");
    public static readonly LocalizedText ServiceBusy = new("Tjänsten är upptagen; försök igen om en stund.", "The service is busy; try again shortly.");
    public static LocalizedText TryAgainIn(int seconds) => new($"Försök igen om {seconds} s.", $"Try again in {seconds} s.");

    // Model runs and outcome validation.
    public static readonly LocalizedText RescoreRunning = new("En omräkning pågår redan.", "A rescore run is already running.");
    public static LocalizedText FollowRunsAt(string path) => new($"Följ den på {path}.", $"Follow it at {path}.");
    public static readonly LocalizedText NoSuchRun = new("Ingen körning med detta id.", "No run with this id.");
    public static readonly LocalizedText OutcomeFileUnusable = new("Utfallsfilen kan inte användas.", "The outcome file cannot be used.");
    public static readonly LocalizedText NotUtf8 = new("Filen är inte UTF-8-text.", "The file is not UTF-8 text.");

    // Outcome sets kept as training labels, and the model card.
    public static readonly LocalizedText InvalidOutcomeSet = new("Utfallsuppsättningen har ogiltiga fält; inget sparades.", "The outcome set has invalid fields; nothing was kept.");
    public static readonly LocalizedText NoSuchOutcomeSet = new("Ingen utfallsuppsättning med detta id.", "No outcome set with this id.");
    public static readonly LocalizedText NoModelYet = new("Ingen modell är publicerad än.", "No model has been published yet.");

    // The programme catalogue.
    public static readonly LocalizedText InvalidExtension = new("Programtillägget är ogiltigt; inget sparades.", "The programme extension is invalid; nothing was saved.");

    /// <summary>Numbers as JSON writes them, whatever the language: a client can copy a bound straight into its request.</summary>
    private static string N(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
