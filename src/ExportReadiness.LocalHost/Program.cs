using ExportReadiness.Application;
using ExportReadiness.Application.Hosting;
using ExportReadiness.LocalHost;

var builder = WebApplication.CreateBuilder(args);
builder.AddExportReadiness();
builder.AddLocalTriggers();
builder.AddLocalTelemetry();
builder.Services.AddOpenApi();
// The hosting layer logs every request's full URL, query included: an SME link's token would land in the log.
// RequestLog writes the request line instead, with secrets redacted.
builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls(LocalTriggers.DefaultUrl);

var app = builder.Build();
// First, so every later step sees the client and scheme the known front end forwarded (FrontEnd).
app.UseForwardedHeaders();
app.Use((context, next) => { SecurityHeaders.Apply(context); return next(context); });
var requestLog = app.Services.GetRequiredService<RequestLog>();
app.Use((context, next) => requestLog.RunAsync(context, () => next(context)));
// Refused before any work, so an overloaded instance answers 503 at once instead of timing out.
var shedding = app.Services.GetRequiredService<LoadShedding>();
app.Use((context, next) => shedding.RunAsync(context, () => next(context)));
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();

app.MapExportReadiness();
app.MapOpenApi();

app.Run();

/// <summary>Entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
