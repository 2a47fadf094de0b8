using ExportReadiness.Application.Access;
using ExportReadiness.Application.Validation;

namespace ExportReadiness.FunctionApp.Functions;

/// <summary>Advisors check the model in use against outcomes their agency knows.</summary>
[Authorize(Policy = AdvisorAuthentication.Policy)]
public sealed class ValidationFunctions(ValidationHandler validation)
{
    [Function(nameof(ValidateModel))]
    public async Task<IResult> ValidateModel([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Validation)] HttpRequest request, CancellationToken cancellationToken) =>
        await validation.Validate(request, cancellationToken);
}
