using ExportReadiness.Application.Pages;

namespace ExportReadiness.FunctionApp.Functions;

/// <summary>Signing in with an advisor key (where App Service Authentication is not used) and signing out.</summary>
public sealed class AdvisorSignInFunctions(AdvisorPages pages)
{
    [Function(nameof(AdvisorSignInForm))]
    public IResult AdvisorSignInForm([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.AdvisorSignIn)] HttpRequest request) => pages.SignInForm(request);

    [Function(nameof(AdvisorSignIn))]
    public Task<IResult> AdvisorSignIn([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.AdvisorSignIn)] HttpRequest request) => pages.Login(request.HttpContext);

    [Function(nameof(AdvisorSignOut))]
    public IResult AdvisorSignOut([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.AdvisorSignOut)] HttpRequest request) => pages.Logout(request.HttpContext);
}
