using ExportReadiness.Functions.Assessments;
using ExportReadiness.Functions.Batches;
using ExportReadiness.Functions.Health;
using ExportReadiness.Functions.Hosting;
using ExportReadiness.Functions.Invocations;
using ExportReadiness.Functions.Pages;
using ExportReadiness.Functions.Questionnaire;
using ExportReadiness.Functions.Reports;
using ExportReadiness.Functions.Rescoring;

var builder = WebApplication.CreateBuilder(args);
builder.AddExportReadiness();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();

// The Functions host waits for GET / to answer before it forwards anything: the SME form answers at once.
app.UseStaticFiles(new StaticFileOptions { RequestPath = "/assets" });
app.MapSmePages();
app.MapAdvisorPages();
app.MapQuestionnaire();
app.MapAssessments();
app.MapHealth();
app.MapRescore();
app.MapBatches();
app.MapReports();
app.MapInvocations();
app.MapOpenApi();

app.Run();

/// <summary>Entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
