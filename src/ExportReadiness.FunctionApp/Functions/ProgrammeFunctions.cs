using ExportReadiness.Application.Access;
using ExportReadiness.Application.Programmes;

namespace ExportReadiness.FunctionApp.Functions;

/// <summary>The support-programme catalogue: public information, open to anyone.</summary>
public sealed class ProgrammeFunctions(ProgrammeHandlers programmes)
{
    [Function(nameof(Programmes))]
    public async Task<IResult> Programmes([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Programmes)] HttpRequest request, CancellationToken cancellationToken) =>
        await programmes.Catalogue(cancellationToken);
}

/// <summary>Advisors keep the catalogue's extension and read which programmes a cohort calls for.</summary>
[Authorize(Policy = AdvisorAuthentication.Policy)]
public sealed class AdvisorProgrammeFunctions(ProgrammeHandlers programmes)
{
    [Function(nameof(ProgrammeExtension))]
    public async Task<IResult> ProgrammeExtension([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ProgrammeExtension)] HttpRequest request, CancellationToken cancellationToken) =>
        await programmes.Extension(cancellationToken);

    [Function(nameof(PutProgrammeExtension))]
    public async Task<IResult> PutProgrammeExtension([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Routes.ProgrammeExtension)] HttpRequest request, CancellationToken cancellationToken) =>
        await programmes.PutExtension(request.HttpContext, cancellationToken);

    [Function(nameof(ProgrammeDemand))]
    public async Task<IResult> ProgrammeDemand([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ProgrammeDemand)] HttpRequest request, CancellationToken cancellationToken) =>
        await programmes.Demand(request, cancellationToken);
}
