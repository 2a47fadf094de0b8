using System.Net.Http.Json;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ExportReadiness.Application;
using ExportReadiness.Testing;

/// <summary>
/// Malformed requests over every route of the route table (<see cref="Routes"/>), as an attacker or a broken client
/// would send them: bad and odd ids, every method, bad JSON, JSON of the wrong types and depth, huge fields and bodies,
/// forms past their limits, malformed multipart (no boundary, no Content-Disposition, boundary mismatch, two files, an
/// empty file), bad content types and headers, and bodies cut short on the wire. Prints how many answers got each
/// status and every 5xx with its request: the goal is none. Deterministic for a given count (a fixed seed).
/// </summary>
internal static class Fuzz
{
    public static async Task<int> RunAsync(int requests)
    {
        // What the server itself answered, also to the requests whose client went away before reading it.
        using var served = new ServerAnswers();
        await using var azurite = new Azurite();
        await azurite.StartAsync();
        await using var app = new BenchApplication(azurite.ConnectionString, BenchApplication.AdvisorKey, bulkQueueSettings: false);
        await app.StartAndWaitForModelAsync();
        var anonymous = app.CreateClient();
        var advisor = app.CreateAdvisorClient();
        var accepted = await (await anonymous.PostAsync("/api/assessments", new StringContent(AssessmentBuilder.Mixed().InProgramme("fuzz").ToJsonString(), Encoding.UTF8, "application/json")))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var (id, token) = (accepted.GetProperty("id").GetString()!, accepted.GetProperty("accessToken").GetString()!);
        var routes = typeof(Routes).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
        var allowed = AllowedMethods(app.Services);
        Console.WriteLine($"{routes.Count} routes; {requests:N0} malformed requests; one SME assessment {id}");

        var random = new Random(20261203);
        var statuses = new SortedDictionary<int, int>();
        var serverErrors = new List<string>();
        var unanswered = new List<string>();
        var uri = app.ClientOptions.BaseAddress;
        for (var i = 0; i < requests; i++)
        {
            var route = routes[i % routes.Count];
            var path = "/" + Fill(route, random, id);
            // Mostly a method the route takes, so the request reaches its handler; now and then any method.
            var methods = allowed.GetValueOrDefault(route, []);
            var method = methods.Length > 0 && random.Next(6) > 0 ? methods[random.Next(methods.Length)] : Methods[random.Next(Methods.Length)];
            var (body, contentType, what) = Bodies[random.Next(Bodies.Length)](random);
            var header = Headers[random.Next(Headers.Length)](token);
            var description = $"{method} {Shorten(path)} [{what}; {header.Name}: {Shorten(header.Value)}]";
            int status;
            try
            {
                if (random.Next(8) == 0 && method != "GET")
                {
                    description += " (body cut short)";
                    status = await SendTruncatedAsync(uri, method, path, contentType, body);
                }
                else
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method), path);
                    if (method != "GET" && body is not null)
                    {
                        request.Content = new ByteArrayContent(body);
                        if (contentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
                    }
                    request.Headers.TryAddWithoutValidation(header.Name, header.Value);
                    using var response = await (random.Next(2) == 0 ? advisor : anonymous).SendAsync(request);
                    status = (int)response.StatusCode;
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException or SocketException)
            {
                status = 0; // the server closed the connection (a body past Kestrel's limit, say): no answer to count as 5xx
                description += $" ({e.GetType().Name}: {e.Message})";
            }
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status >= 500) serverErrors.Add($"{status} {description}");
            if (status == 0) unanswered.Add(description);
        }

        foreach (var (status, count) in statuses) Console.WriteLine($"  {(status == 0 ? "no answer" : status.ToString(System.Globalization.CultureInfo.InvariantCulture)),-9} {count,6:N0}");
        Console.WriteLine($"Closed without an answer (first 10 of {unanswered.Count}):");
        foreach (var closed in unanswered.Take(10)) Console.WriteLine("  " + closed);
        Console.WriteLine($"The server saw {served.Finished:N0} requests to their end.");
        Console.WriteLine($"5xx: {serverErrors.Count} answered to the client; {served.Errors.Count} written by the server (unanswered requests included)");
        foreach (var error in serverErrors.Concat(served.Errors).Distinct().Take(200)) Console.WriteLine("  " + error);
        return serverErrors.Count + served.Errors.Count == 0 ? 0 : 1;
    }

    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    /// <summary>Each route's methods, as the local host maps them.</summary>
    private static Dictionary<string, string[]> AllowedMethods(IServiceProvider services) =>
        services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints.OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is not null)
            .GroupBy(e => e.RoutePattern.RawText!.TrimStart('/'))
            .ToDictionary(g => g.Key, g => g.SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? []).Distinct().ToArray());

    /// <summary>Route values: the real assessment (so handlers get past their lookups), and ids no store has seen.</summary>
    private static string Fill(string route, Random random, string id)
    {
        string[] ids = [id, id, "0", "..%2F..%2Fetc", "%00", new string('a', 3000), "%E2%80%AE%F0%9F%98%80", "'%20or%201=1", "a%2Fb", "x.csv", "~tally%7C1", "%ff%fe"];
        var path = route.Replace("{root:maxlength(0)?}", "");
        foreach (var name in new[] { "{id}", "{productId}", "{actionId}", "{name}" })
            path = path.Replace(name, ids[random.Next(ids.Length)]);
        var queries = new[] { "", "?programme=%00", "?pageSize=-1", "?pageSize=99999999999", "?continuationToken=garbage", "?before=", "?lang=xx-%00",
            "?format=nope", "?programme=" + new string('p', 500), "?from=2026-13-45&to=yesterday", "?token=abc", "?sector=%C0%AF", "?level=999" };
        return path + queries[random.Next(queries.Length)];
    }

    private const string Part = "Content-Disposition: form-data; name=\"file\"; filename=\"rows.csv\"\r\nContent-Type: text/csv\r\n\r\n";

    private static (byte[]? Body, string? ContentType, string What) Of(string body, string? type, string what) => (Encoding.UTF8.GetBytes(body), type, what);

    private static readonly Func<Random, (byte[]? Body, string? ContentType, string What)>[] Bodies =
    [
        _ => (null, null, "no body"),
        _ => Of("{", "application/json", "JSON cut off"),
        _ => Of("{\"a\":}", "application/json", "bad JSON"),
        _ => Of("[]", "application/json", "a JSON array"),
        _ => Of("\"text\"", "application/json", "a JSON string"),
        _ => Of("null", "application/json", "JSON null"),
        _ => Of("{\"company\":5,\"answers\":\"x\",\"product\":[],\"schemaVersion\":\"1\",\"verdict\":{},\"stage\":7,\"date\":true,\"owner\":1,\"dueDate\":[]}", "application/json", "wrong types"),
        _ => Of(new string('[', 5000) + new string(']', 5000), "application/json", "JSON 5,000 deep"),
        _ => Of("{\"title\":\"" + new string('x', 200_000) + "\"}", "application/json", "a 200 KB field"),
        _ => Of("{\"previousAssessmentId\":\"" + new string('x', 40_000) + "\",\"gap\":\"\\ud800\"}", "application/json", "a lone surrogate and a long id"),
        _ => ([0xff, 0xfe, 0x00, 0x7b], "application/json", "bytes that are no UTF-8"),
        _ => Of("key=" + new string('k', 100_000), "application/x-www-form-urlencoded", "a 100 KB form"),
        _ => Of(string.Join('&', Enumerable.Range(0, 2000).Select(i => $"f{i}=x")), "application/x-www-form-urlencoded", "2,000 form fields"),
        _ => Of("%%%=%zz&=&&", "application/x-www-form-urlencoded", "a form of bad escapes"),
        _ => Of("a,b\r\n1,2\r\n", "multipart/form-data", "multipart without a boundary"),
        _ => Of("--b0\r\nContent-Type: text/csv\r\n\r\na,b\r\n--b0--\r\n", "multipart/form-data; boundary=b0", "a part without Content-Disposition"),
        _ => Of("--b0\r\n" + Part + "a,b\r\n", "multipart/form-data; boundary=b0", "multipart never closed"),
        _ => Of("--b1\r\n" + Part + "a,b\r\n--b1--\r\n", "multipart/form-data; boundary=b0", "a boundary mismatch"),
        _ => Of("--b0\r\n" + Part + "a,b\r\n--b0\r\n" + Part + "c,d\r\n--b0--\r\n", "multipart/form-data; boundary=b0", "two files"),
        _ => Of("--b0\r\n" + Part + "\r\n--b0--\r\n", "multipart/form-data; boundary=b0", "an empty file"),
        _ => Of("--b0\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n" + new string('n', 50_000) + "\r\n--b0--\r\n", "multipart/form-data; boundary=b0", "a 50 KB text part"),
        _ => Of("--b0\r\n" + Part + "\"" + new string('q', 300_000) + "\r\n--b0--\r\n", "multipart/form-data; boundary=b0", "a CSV field of 300 KB, never closed"),
        _ => Of("programme,companyName\r\n" + string.Concat(Enumerable.Repeat("x,", 50_000)) + "\r\n", "text/csv", "a CSV row of 50,000 cells"),
        _ => Of("\uFEFF;;;\r\n;;;\r\n", "text/csv", "a CSV of empty cells"),
        _ => Of("{}", "text/plain", "text/plain"),
        _ => Of("{}", "application/json; charset=utf-7", "JSON in UTF-7"),
        _ => Of("{}", "multipart/form-data; boundary=", "an empty boundary"),
        _ => Of("{}", "a/b/c;;=", "a content type that does not parse"),
        random => (RandomBytes(random), "application/octet-stream", "random bytes"),
    ];

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(1, 4096)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static readonly Func<string, (string Name, string Value)>[] Headers =
    [
        _ => ("X-Fuzz", "none"),
        _ => ("If-Match", "\"garbage"),
        _ => ("If-Match", "*"),
        _ => ("X-Assessment-Token", new string('t', 10_000)),
        token => ("X-Assessment-Token", token),
        _ => ("Accept-Language", "*;q=x, ;;, zz-ZZ-ZZ"),
        _ => ("Cookie", "sme_token=" + new string('c', 3000) + "; advisor_session=%%%; lang=%00"),
        // (No wrong x-functions-key: ten a minute shut every key out of this address, the advisor's too, and nothing more would be reached.)
        _ => ("X-MS-CLIENT-PRINCIPAL", "not base64 {"),
        _ => ("X-Forwarded-For", "999.1.1.1, ::ffff:garbage"),
        _ => ("X-Forwarded-Proto", "gopher"),
        _ => ("RequestVerificationToken", "forged"),
        _ => ("Range", "bytes=99999999-0"),
    ];

    /// <summary>A body that stops before its Content-Length, then the connection half-closed: what a client cut off mid-upload sends.</summary>
    private static async Task<int> SendTruncatedAsync(Uri server, string method, string path, string? contentType, byte[]? body)
    {
        body ??= "{\"a\":1}"u8.ToArray();
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        using var stream = tcp.GetStream();
        var head = $"{method} {path} HTTP/1.1\r\nHost: {server.Authority}\r\nContent-Length: {body.Length + 1000}\r\n"
                   + (contentType is null ? "" : $"Content-Type: {contentType}\r\n") + "Connection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(body.AsMemory(0, body.Length / 2));
        tcp.Client.Shutdown(SocketShutdown.Send);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var statusLine = await reader.ReadLineAsync(timeout.Token);
        return statusLine is { Length: >= 12 } && int.TryParse(statusLine.AsSpan(9, 3), out var status) ? status : 0;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "…";

    /// <summary>
    /// Listens to ASP.NET Core's own diagnostic events in this process (the app runs in it): every request that ended
    /// with a 5xx or an unhandled exception, whether or not its client was still there to read the answer.
    /// </summary>
    private sealed class ServerAnswers : IObserver<System.Diagnostics.DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly List<IDisposable> _subscriptions = [];

        private int _finished;

        public System.Collections.Concurrent.ConcurrentQueue<string> Errors { get; } = new();

        /// <summary>How many requests the server saw to their end (the fuzz's, and the set-up's).</summary>
        public int Finished => _finished;

        public ServerAnswers() => _subscriptions.Add(System.Diagnostics.DiagnosticListener.AllListeners.Subscribe(this));

        public void OnNext(System.Diagnostics.DiagnosticListener listener)
        {
            if (listener.Name == "Microsoft.AspNetCore") lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this));
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == "Microsoft.AspNetCore.Hosting.HttpRequestIn.Stop" && value.Value is Microsoft.AspNetCore.Http.HttpContext http)
            {
                Interlocked.Increment(ref _finished);
                if (http.Response.StatusCode >= 500)
                    Errors.Enqueue($"{http.Response.StatusCode} (server) {http.Request.Method} {Shorten(http.Request.Path + http.Request.QueryString)}");
            }
            else if (value.Key.EndsWith("UnhandledException", StringComparison.Ordinal))
                Errors.Enqueue($"unhandled exception (server): {value.Value}");
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            lock (_subscriptions) foreach (var subscription in _subscriptions) subscription.Dispose();
        }
    }
}
