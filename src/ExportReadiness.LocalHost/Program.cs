using ExportReadiness.Application;
using ExportReadiness.Application.Hosting;
using ExportReadiness.LocalHost;

var builder = WebApplication.CreateBuilder(args);
builder.AddExportReadiness();
builder.AddLocalTriggers();
builder.Services.AddOpenApi();
// The hosting layer logs every request's full URL, query included: an SME link's token would land in the log.
builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls(LocalTriggers.DefaultUrl);

var app = builder.Build();
app.Use((context, next) => { FrontEnd.Apply(context); return next(context); });
app.Use((context, next) => { SecurityHeaders.Apply(context); return next(context); });
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();

app.MapExportReadiness();
app.MapOpenApi();

app.Run();

/// <summary>Entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
