namespace ExportReadiness.Core.Batches;

/// <summary>
/// Sits between a CSV file and its parser and keeps every field within <see cref="MaxFieldChars"/> characters and
/// every row within <see cref="MaxFields"/> fields. The parser builds each field and row in memory, so one field of
/// 100 MiB (an unclosed quote, say) would be read whole and crash the ingest or take its memory. Past a limit the
/// rest of the field (or row) is dropped as it streams by and <see cref="Cut"/> is put in its place once: the reader
/// of the rows rejects that row, naming the column, and goes on with the next. Both of the files' delimiters (comma,
/// and semicolon from a Swedish Excel) end a field here, before the header says which one the file uses: a limit, not a parse.
/// </summary>
public sealed class CsvFieldGuard(TextReader inner) : TextReader
{
    /// <summary>Twice the longest text the questionnaire takes (a product description of 2,000 characters).</summary>
    public const int MaxFieldChars = 4_000;

    /// <summary>Far more columns than the batch file has (about 40): a row past it is cut, and rejected for its cell count.</summary>
    public const int MaxFields = 1_000;

    /// <summary>Where a field (or row) was cut: a Unicode noncharacter, never in a real file's text.</summary>
    public const char Cut = '\uFFFF';

    private readonly Queue<char> _shown = new();
    private bool _inQuotes;
    private bool _quotePending; // a quote inside quotes: the closing one, or the first of an escaped pair ("")
    private int _fieldChars;
    private int _field;
    private bool _cut;
    private bool _ended;

    /// <summary>Whether a cell the parser read was cut here.</summary>
    public static bool WasCut(string cell) => cell.Contains(Cut, StringComparison.Ordinal);

    public override int Peek() => Fill() ? _shown.Peek() : -1;

    public override int Read() => Fill() ? _shown.Dequeue() : -1;

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        var written = 0;
        while (written < buffer.Length && Fill()) buffer[written++] = _shown.Dequeue();
        return written;
    }

    /// <summary>Reads on until the parser has something to see; false at the end of the file.</summary>
    private bool Fill()
    {
        while (_shown.Count == 0 && !_ended)
        {
            var read = inner.Read();
            if (read >= 0) Take((char)read);
            else
            {
                _ended = true;
                if (_quotePending) _shown.Enqueue('"');
            }
        }
        return _shown.Count > 0;
    }

    private void Take(char c)
    {
        if (_quotePending)
        {
            _quotePending = false;
            if (c == '"')
            {
                // An escaped quote: one character of the field's text, shown as the pair it is written as.
                if (Keep()) Show('"', '"');
                else CutOnce();
                return;
            }
            _inQuotes = false; // that quote closed the quoted text: c is outside quotes
            Show('"');
        }
        if (_inQuotes)
        {
            if (c == '"') _quotePending = true;
            else if (Keep()) Show(c);
            else CutOnce();
            return;
        }
        switch (c)
        {
            case '\n':
                (_field, _fieldChars, _cut) = (0, 0, false);
                Show(c);
                return;
            case '\r':
                Show(c);
                return;
        }
        if (c is ',' or ';')
        {
            _fieldChars = 0;
            // The row's cells past the limit are dropped, all but one that holds the cut mark.
            if (++_field > MaxFields) return;
            _cut = false;
            Show(c);
            return;
        }
        if (_field >= MaxFields) CutOnce();
        else if (c == '"' && _fieldChars == 0 && !_cut)
        {
            _inQuotes = true;
            Show(c);
        }
        else if (Keep()) Show(c);
        else CutOnce();
    }

    /// <summary>Counts one character of the current field; false once it is past the limit.</summary>
    private bool Keep() => ++_fieldChars <= MaxFieldChars;

    private void CutOnce()
    {
        if (_cut) return;
        _cut = true;
        _shown.Enqueue(Cut);
    }

    private void Show(char c, char? then = null)
    {
        _shown.Enqueue(c);
        if (then is { } second) _shown.Enqueue(second);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
