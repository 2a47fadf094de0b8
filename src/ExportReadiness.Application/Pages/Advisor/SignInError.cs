namespace ExportReadiness.Application.Pages.Advisor;

/// <summary>Why a sign-in was refused; the page says it in the reader's language (<c>SignInError{name}</c> in <c>AdvisorTexts</c>).</summary>
public enum SignInError
{
    FormExpired,
    TooManyWrongKeys,
    WrongKey,
}
