using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using OrchPatch.Core.Orchestrator;

namespace OrchPatch.Core.Tests.Orchestrator.Contract;

/// <summary>The fake behind a real HTTP listener on 127.0.0.1, so a contract run also goes through the factory's own
/// HttpClientHandler (default credentials, real headers and sockets).</summary>
internal sealed class LoopbackContractServer : IContractServer
{
    private static readonly string[] CopiedResponseHeaders = { "ETag", "Location", "Retry-After" };
    private readonly FakeContractServer _inner;
    private readonly HttpListener _listener = new();
    private readonly HttpMessageInvoker _invoker;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LoopbackContractServer(OrchestratorApi api, TimeProvider time)
    {
        var port = FreePort();
        var root = new Uri(api == OrchestratorApi.OData
            ? $"http://127.0.0.1:{port}/Orchestrator2012/Orchestrator.svc/"
            : $"http://127.0.0.1:{port}/api/");
        _inner = new FakeContractServer(api, time, root);
        _invoker = new HttpMessageInvoker(_inner.Handler, disposeHandler: false);
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri ServiceRoot => _inner.ServiceRoot;

    public HttpMessageHandler? Transport => null;

    public IReadOnlyList<ContractJobView> Jobs => _inner.Jobs;

    public Guid AddServer(string name) => _inner.AddServer(name);

    public Guid AddRunbook(string path, bool isMonitor, params string[] inParameters) => _inner.AddRunbook(path, isMonitor, inParameters);

    public Guid AddJob(ContractJobSeed seed) => _inner.AddJob(seed);

    public Guid AddInstance(Guid jobId, Guid serverId, string status, bool running) => _inner.AddInstance(jobId, serverId, status, running);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener was closed under the loop.
        }

        _invoker.Dispose();
        _inner.Dispose();
        _stop.Dispose();
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            await AnswerAsync(context).ConfigureAwait(false);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), new Uri(ServiceRoot, context.Request.RawUrl));
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body).ConfigureAwait(false);
        if (body.Length > 0 || context.Request.HttpMethod is "POST" or "PATCH")
        {
            request.Content = new ByteArrayContent(body.ToArray());
            if (context.Request.ContentType is { } contentType)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        foreach (var name in context.Request.Headers.AllKeys.OfType<string>().Where(n => n is not ("Content-Type" or "Content-Length" or "Host")))
        {
            request.Headers.TryAddWithoutValidation(name, context.Request.Headers.GetValues(name) ?? Array.Empty<string>());
        }

        using var response = await _invoker.SendAsync(request, CancellationToken.None).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        context.Response.StatusCode = (int)response.StatusCode;
        context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
        foreach (var name in CopiedResponseHeaders)
        {
            if (response.Headers.TryGetValues(name, out var values))
            {
                context.Response.AddHeader(name, values.First());
            }
        }

        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        context.Response.Close();
    }
}
