namespace ExportReadiness.Core.Reports;

/// <summary>
/// A programme's kept tallies as read, with the store's version of them: the reconcile replaces them only if no write
/// moved them since (<see cref="Assessments.IAssessmentStore.ReplaceTalliesAsync"/>).
/// </summary>
public sealed record TallySnapshot(string Programme, IReadOnlyList<TallyCell> Cells, string Version);
