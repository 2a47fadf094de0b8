using ExportReadiness.Application.Access;

namespace ExportReadiness.FunctionApp.Functions;

/// <summary>Signing in with an advisor key (where App Service Authentication is not used) and signing out.</summary>
public sealed class AdvisorSignInFunctions(AdvisorSignIn signIn)
{
    [Function(nameof(AdvisorSignInForm))]
    public IResult AdvisorSignInForm([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.AdvisorSignIn)] HttpRequest request) => signIn.Form(request);

    [Function(nameof(AdvisorSignIn))]
    public Task<IResult> AdvisorSignIn([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.AdvisorSignIn)] HttpRequest request) => signIn.SignIn(request.HttpContext);

    [Function(nameof(AdvisorSignOut))]
    public Task<IResult> AdvisorSignOut([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.AdvisorSignOut)] HttpRequest request) => signIn.SignOut(request.HttpContext);
}
