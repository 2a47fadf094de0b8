global using ExportReadiness.Application.Assessments;
global using ExportReadiness.Application.Batches;
global using ExportReadiness.Application.Queues;
global using ExportReadiness.Application.Scoring;
global using Microsoft.Extensions.DependencyInjection;
