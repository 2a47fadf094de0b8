using Microsoft.Extensions.DependencyInjection;

namespace ExportReadiness.Testing.Faults;

public static class ServiceDecoration
{
    /// <summary>
    /// Wraps the registered <typeparamref name="TService"/> (a singleton, as every store is) in <paramref name="decorate"/>:
    /// the real service keeps doing the work, the wrapper changes what the test is about.
    /// </summary>
    public static IServiceCollection Decorate<TService>(this IServiceCollection services, Func<TService, TService> decorate) where TService : class
    {
        var registered = services.Last(d => d.ServiceType == typeof(TService));
        services.Remove(registered);
        services.AddSingleton(provider => decorate((TService)(registered.ImplementationInstance
            ?? registered.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!))));
        return services;
    }
}
