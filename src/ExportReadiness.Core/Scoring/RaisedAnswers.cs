using System.Collections;
using System.Diagnostics.CodeAnalysis;
using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Core.Scoring;

/// <summary>
/// An SME's answers with a few of them raised (to the top of their scale, say), read through without copying the
/// rest: the explainer asks "what if" once per question, and a copy of every answer each time cost more than the model.
/// </summary>
internal sealed class RaisedAnswers(IReadOnlyDictionary<string, Answer> answers, IReadOnlyList<(string QuestionId, Answer Answer)> raised) : IReadOnlyDictionary<string, Answer>
{
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out Answer value)
    {
        foreach (var (questionId, answer) in raised)
        {
            if (questionId != key) continue;
            value = answer;
            return true;
        }
        return answers.TryGetValue(key, out value);
    }

    public Answer this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public IEnumerable<string> Keys => this.Select(p => p.Key);

    public IEnumerable<Answer> Values => this.Select(p => p.Value);

    public int Count => Keys.Count();

    public IEnumerator<KeyValuePair<string, Answer>> GetEnumerator()
    {
        foreach (var (questionId, answer) in raised) yield return new(questionId, answer);
        foreach (var pair in answers)
            if (!raised.Any(r => r.QuestionId == pair.Key)) yield return pair;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
