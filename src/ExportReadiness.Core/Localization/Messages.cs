namespace ExportReadiness.Core.Localization;

/// <summary>
/// Every message the API answers with, as a key of the <c>ApiTexts</c> resource files and its arguments: the words
/// live in those files (Swedish, English, and any language added beside them), never here. Here in Core because the
/// submission validator writes most of them; the HTTP layer picks the language (<c>?lang</c>, the <c>lang</c> cookie,
/// <c>Accept-Language</c>) and turns a message into text through an <see cref="IMessageTexts"/>. Each key is the
/// member's name. Field names (the keys of problem details' <c>errors</c>) are never translated: clients match on them.
/// </summary>
public static class Messages
{
    // Problem titles.
    public static readonly Message InvalidRequest = new(nameof(InvalidRequest));
    public static readonly Message InvalidQuestionnaire = new(nameof(InvalidQuestionnaire));
    public static readonly Message InvalidReview = new(nameof(InvalidReview));
    public static readonly Message InvalidListFilters = new(nameof(InvalidListFilters));
    public static readonly Message InvalidReportFilters = new(nameof(InvalidReportFilters));
    public static readonly Message InvalidExportFilters = new(nameof(InvalidExportFilters));
    public static readonly Message NotFound = new(nameof(NotFound));

    // The body of a request.
    public static readonly Message UnsupportedMediaType = new(nameof(UnsupportedMediaType));
    public static readonly Message SendJson = new(nameof(SendJson));
    public static readonly Message BodyTooLarge = new(nameof(BodyTooLarge));
    public static Message AtMostKiB(int kib) => Message.Of(nameof(AtMostKiB), kib);
    public static Message NotJson(long line, long position) => Message.Of(nameof(NotJson), line, position);
    public static readonly Message NotUnicode = new(nameof(NotUnicode));
    public static readonly Message BodyMustBeObject = new(nameof(BodyMustBeObject));

    // Field values, shared by the questionnaire, reviews and filters.
    public static readonly Message ValueRequired = new(nameof(ValueRequired));
    public static readonly Message ObjectRequired = new(nameof(ObjectRequired));
    public static readonly Message ExpectedString = new(nameof(ExpectedString));
    public static readonly Message ExpectedNumber = new(nameof(ExpectedNumber));
    public static readonly Message ExpectedWholeNumber = new(nameof(ExpectedWholeNumber));
    public static readonly Message ExpectedTrueOrFalse = new(nameof(ExpectedTrueOrFalse));
    public static readonly Message ControlCharacters = new(nameof(ControlCharacters));
    public static Message AtMostCharacters(int max) => Message.Of(nameof(AtMostCharacters), max);
    public static Message Between(double min, double max) => Message.Of(nameof(Between), min, max);
    public static Message WholeNumberBetween(int min, int max) => Message.Of(nameof(WholeNumberBetween), min, max);
    public static Message UseOneOf(IEnumerable<string> values) => Message.Of(nameof(UseOneOf), string.Join(", ", values));
    public static readonly Message NotAValidValue = new(nameof(NotAValidValue));
    public static readonly Message UseDate = new(nameof(UseDate));
    public static readonly Message UnknownContinuationToken = new(nameof(UnknownContinuationToken));
    public static readonly Message UnknownHistoryPosition = new(nameof(UnknownHistoryPosition));

    // The questionnaire (SubmissionValidator).
    public static Message SchemaVersionNotServed(int version, int served) => Message.Of(nameof(SchemaVersionNotServed), version, served);
    public static readonly Message ProgrammeRule = new(nameof(ProgrammeRule));
    public static Message UnknownSector(string sector, IEnumerable<string> sectors) => Message.Of(nameof(UnknownSector), sector, string.Join(", ", sectors));
    public static Message UnknownRegion(string region) => Message.Of(nameof(UnknownRegion), region);
    public static readonly Message AnswersRequired = new(nameof(AnswersRequired));
    public static readonly Message UnknownQuestion = new(nameof(UnknownQuestion));
    public static Message NotForSector(string sector) => Message.Of(nameof(NotForSector), sector);
    public static readonly Message AnswerRequired = new(nameof(AnswerRequired));
    public static Message NotAnOption(string choice, IEnumerable<string> options) => Message.Of(nameof(NotAnOption), choice, string.Join(", ", options));
    public static readonly Message ExpectedOptionValue = new(nameof(ExpectedOptionValue));
    public static Message ExpectedNumberBetween(double min, double max) => Message.Of(nameof(ExpectedNumberBetween), min, max);

    // Reviews.
    public static readonly Message UseVerdict = new(nameof(UseVerdict));
    public static readonly Message SignInToReview = new(nameof(SignInToReview));
    public static readonly Message AlreadyReviewed = new(nameof(AlreadyReviewed));
    public static readonly Message SendIfMatch = new(nameof(SendIfMatch));
    public static readonly Message ReviewChanged = new(nameof(ReviewChanged));
    public static readonly Message ReloadReview = new(nameof(ReloadReview));
    public static readonly Message NoSuchAssessment = new(nameof(NoSuchAssessment));
    /// <summary>Alike for an unknown id and a token of another product: nobody learns which assessments exist.</summary>
    public static readonly Message PreviousAssessmentNotYours = new(nameof(PreviousAssessmentNotYours));
    /// <summary>An access token in the address, where logs and telemetry keep it: refused, so an old link fails plainly.</summary>
    public static readonly Message TokenInHeaderOnly = new(nameof(TokenInHeaderOnly));

    // Stage moves (the funnel).
    public static readonly Message InvalidStageMove = new(nameof(InvalidStageMove));
    public static readonly Message SignInToMoveStage = new(nameof(SignInToMoveStage));
    public static Message DateBetween(DateOnly earliest, DateOnly latest) => Message.Of(nameof(DateBetween), earliest, latest);

    public static readonly Message NoSuchProduct = new(nameof(NoSuchProduct));

    public static readonly Message NoVisibleAssessment = new(nameof(NoVisibleAssessment));

    // Action plans.
    public static readonly Message InvalidAction = new(nameof(InvalidAction));
    public static readonly Message NotAGap = new(nameof(NotAGap));
    public static readonly Message DateOutOfRange = new(nameof(DateOutOfRange));
    public static readonly Message ActionIdRule = new(nameof(ActionIdRule));
    public static readonly Message NoSuchAction = new(nameof(NoSuchAction));
    public static readonly Message ActionIdTaken = new(nameof(ActionIdTaken));
    public static readonly Message ActionChanged = new(nameof(ActionChanged));
    public static readonly Message ReloadAction = new(nameof(ReloadAction));
    public static readonly Message SendActionIfMatch = new(nameof(SendActionIfMatch));

    // Batch uploads. The reasons of rejected rows are written later, by the ingest, in both languages (RejectedRow).
    public static readonly Message SendCsv = new(nameof(SendCsv));
    public static readonly Message AttachCsv = new(nameof(AttachCsv));
    public static readonly Message OneFileOnly = new(nameof(OneFileOnly));
    public static readonly Message EmptyFile = new(nameof(EmptyFile));
    public static readonly Message UnreadableForm = new(nameof(UnreadableForm));
    public static Message FormBeyondLimits(int fields, int characters) => Message.Of(nameof(FormBeyondLimits), fields, characters);
    public static readonly Message FileTooLarge = new(nameof(FileTooLarge));
    public static Message AtMostMiB(long mib) => Message.Of(nameof(AtMostMiB), mib);
    public static readonly Message WrongColumns = new(nameof(WrongColumns));
    public static Message UnknownColumn(string column) => Message.Of(nameof(UnknownColumn), column);
    public static Message MissingColumn(string column) => Message.Of(nameof(MissingColumn), column);
    public static readonly Message ColumnTwice = new(nameof(ColumnTwice));
    public static readonly Message NoSuchBatch = new(nameof(NoSuchBatch));
    public static readonly Message NoIngestedBatch = new(nameof(NoIngestedBatch));
    public static Message UnknownProduct(string column, string id) => Message.Of(nameof(UnknownProduct), column, id);
    public static Message RowCells(int cells, int columns) => Message.Of(nameof(RowCells), cells, columns);
    /// <summary>The reader's own words stay as they are (English): they name what it tripped on.</summary>
    public static Message RowUnreadable(string why) => Message.Of(nameof(RowUnreadable), why);

    // Access (401, 403, 429, antiforgery).
    public static readonly Message AdvisorKeyRequired = new(nameof(AdvisorKeyRequired));
    public static Message SendAdvisorKey(string header, string signIn) => Message.Of(nameof(SendAdvisorKey), header, signIn);
    public static readonly Message NotAnAdvisor = new(nameof(NotAnAdvisor));
    public static readonly Message AskForAdvisorRole = new(nameof(AskForAdvisorRole));
    public static readonly Message TooManyWrongKeys = new(nameof(TooManyWrongKeys));
    public static readonly Message WaitRetryAfter = new(nameof(WaitRetryAfter));
    public static readonly Message TooManyWrites = new(nameof(TooManyWrites));
    public static readonly Message AntiforgeryInvalid = new(nameof(AntiforgeryInvalid));
    /// <summary>The framework's own words (<paramref name="why"/>, English) name the missing cookie, field or header.</summary>
    public static Message SendAntiforgery(string why, string header, string field) => Message.Of(nameof(SendAntiforgery), why, header, field);

    // Unavailable (503).
    public static readonly Message StorageUnavailable = new(nameof(StorageUnavailable));
    public static readonly Message ServiceBusy = new(nameof(ServiceBusy));
    public static Message TryAgainIn(int seconds) => Message.Of(nameof(TryAgainIn), seconds);

    // Model runs and outcome validation.
    public static readonly Message RescoreRunning = new(nameof(RescoreRunning));
    public static Message FollowRunsAt(string path) => Message.Of(nameof(FollowRunsAt), path);
    public static readonly Message NoSuchRun = new(nameof(NoSuchRun));
    public static readonly Message OutcomeFileUnusable = new(nameof(OutcomeFileUnusable));
    public static readonly Message NotUtf8 = new(nameof(NotUtf8));

    // Outcome sets kept as training labels, and the model card.
    public static readonly Message InvalidOutcomeSet = new(nameof(InvalidOutcomeSet));
    public static readonly Message NoSuchOutcomeSet = new(nameof(NoSuchOutcomeSet));
    public static readonly Message NoModelYet = new(nameof(NoModelYet));

    // The programme catalogue.
    public static readonly Message InvalidExtension = new(nameof(InvalidExtension));
}
