namespace ExportReadiness.Application.Tests;

/// <summary>
/// A class of handler tests: xUnit makes an instance per test, so every test gets an application (and stores, and clock)
/// of its own, disposed after it. No test sees another's leftovers.
/// </summary>
public abstract class ApplicationTests(ApplicationUnderTest app) : IAsyncLifetime
{
    protected ApplicationTests() : this(new ApplicationUnderTest())
    {
    }

    protected ApplicationUnderTest App { get; } = app;

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => App.DisposeAsync().AsTask();
}
