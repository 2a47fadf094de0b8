using ExportReadiness.Application;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

namespace ExportReadiness.FunctionApp;

public static class FunctionAppBuilderExtensions
{
    /// <summary>
    /// ASP.NET Core integration (functions take <c>HttpRequest</c> and return <c>IResult</c>), the HTTP pipeline's
    /// cross-cutting concerns as worker middleware (the trusted front end's forwarded client and scheme, security headers,
    /// load shedding with the redacted request log, problem details, the per-client limit on anonymous writes, authorization with antiforgery), OpenTelemetry (<see cref="FunctionsTelemetry"/>), and the application's services: the same
    /// <c>AddExportReadiness</c> as the local host's.
    /// </summary>
    public static FunctionsApplicationBuilder AddExportReadinessFunctions(this FunctionsApplicationBuilder builder)
    {
        builder.ConfigureFunctionsWebApplication();
        builder.UseWhen<FrontEndMiddleware>(HttpProblemMiddleware.IsHttp);
        builder.UseWhen<SecurityHeadersMiddleware>(HttpProblemMiddleware.IsHttp);
        builder.UseWhen<LoadSheddingMiddleware>(HttpProblemMiddleware.IsHttp);
        builder.UseWhen<HttpProblemMiddleware>(HttpProblemMiddleware.IsHttp);
        builder.UseWhen<AnonymousWriteLimitMiddleware>(HttpProblemMiddleware.IsHttp);
        builder.UseWhen<AdvisorAuthorizationMiddleware>(HttpProblemMiddleware.IsHttp);
        builder.AddExportReadiness();
        builder.AddExportReadinessTelemetry();
        return builder;
    }
}
