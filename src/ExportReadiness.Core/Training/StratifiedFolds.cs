namespace ExportReadiness.Core.Training;

/// <summary>
/// Repeated stratified k-fold assignments: in each repeat the positives and the negatives are shuffled (seeded) and
/// dealt round-robin into the folds, so every fold holds about the same share of each class, and two runs over the
/// same rows in the same order get the same folds.
/// </summary>
public sealed class StratifiedFolds
{
    private readonly int[][] _fold;

    public StratifiedFolds(IReadOnlyList<bool> labels, int folds, int repeats, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        Folds = folds;
        _fold = new int[repeats][];
        var random = new Random(seed);
        for (var r = 0; r < repeats; r++)
        {
            var assignment = new int[labels.Count];
            var dealt = 0;
            foreach (var cls in new[] { true, false })
            {
                var members = Enumerable.Range(0, labels.Count).Where(i => labels[i] == cls).ToArray();
                random.Shuffle(members);
                // Continue the round-robin across the classes, so small folds do not all start with the same class.
                foreach (var i in members) assignment[i] = dealt++ % folds;
            }
            _fold[r] = assignment;
        }
    }

    public int Folds { get; }

    public int Repeats => _fold.Length;

    /// <summary>The fold row <paramref name="row"/> is held out in, in repeat <paramref name="repeat"/>.</summary>
    public int FoldOf(int repeat, int row) => _fold[repeat][row];

    /// <summary>Every (repeat, fold) pair, in order.</summary>
    public IEnumerable<(int Repeat, int Fold)> Splits() =>
        Enumerable.Range(0, Repeats).SelectMany(r => Enumerable.Range(0, Folds).Select(f => (r, f)));
}
