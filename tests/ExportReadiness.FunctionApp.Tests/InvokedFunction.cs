using System.Collections.Immutable;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace ExportReadiness.FunctionApp.Tests;

/// <summary>
/// One invocation of an HTTP function as the worker's middleware sees it: the function's definition from its
/// [Function] method, and the ASP.NET Core HttpContext the integration puts in the invocation's items.
/// </summary>
public sealed class InvokedFunction : FunctionContext
{
    /// <summary>Where the ASP.NET Core integration keeps the invocation's HttpContext (read by <c>GetHttpContext()</c>).</summary>
    private const string HttpContextKey = "HttpRequestContext";

    public InvokedFunction(MethodInfo function, HttpContext http)
        : this($"{function.DeclaringType!.FullName}.{function.Name}", function.Name, http)
    {
    }

    /// <summary>An invocation by entry point alone: one the app may not be able to resolve.</summary>
    public InvokedFunction(string entryPoint, string name, HttpContext http)
    {
        FunctionDefinition = new Definition(entryPoint, name);
        InstanceServices = http.RequestServices;
        Items = new Dictionary<object, object> { [HttpContextKey] = http };
    }

    public override string InvocationId { get; } = Guid.NewGuid().ToString();
    public override string FunctionId => FunctionDefinition.Id;
    public override TraceContext TraceContext => null!;
    public override BindingContext BindingContext => null!;
    public override RetryContext RetryContext => null!;
    public override IServiceProvider InstanceServices { get; set; }
    public override FunctionDefinition FunctionDefinition { get; }
    public override IDictionary<object, object> Items { get; set; }
    public override IInvocationFeatures Features => null!;

    private sealed class Definition(string entryPoint, string name) : FunctionDefinition
    {
        public override ImmutableArray<FunctionParameter> Parameters => [];
        public override string PathToAssembly => typeof(ExportReadiness.FunctionApp.AdvisorAuthorizationMiddleware).Assembly.Location;
        public override string EntryPoint => entryPoint;
        public override string Id => name;
        public override string Name => name;
        public override IImmutableDictionary<string, BindingMetadata> InputBindings { get; } =
            ImmutableDictionary<string, BindingMetadata>.Empty.Add("request", new Binding("httpTrigger"));
        public override IImmutableDictionary<string, BindingMetadata> OutputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
    }

    private sealed class Binding(string type) : BindingMetadata
    {
        public override string Name => "request";
        public override string Type => type;
        public override BindingDirection Direction => BindingDirection.In;
    }
}
