global using ExportReadiness.Application;
global using Microsoft.AspNetCore.Authorization;
global using Microsoft.AspNetCore.Http;
global using Microsoft.Azure.Functions.Worker;
