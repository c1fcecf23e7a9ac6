using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using OrchPatch.Simulator.Wire;

namespace OrchPatch.Simulator.Hosting;

/// <summary>The in-process transport: hands the request to the simulator's request core and returns a completed task
/// (except for an injected "timeout", which completes on the simulator's clock). No socket, no thread hop.</summary>
internal sealed class InProcessHandler : HttpMessageHandler
{
    private readonly SimulatedOrchestrator _simulator;

    public InProcessHandler(SimulatedOrchestrator simulator) => _simulator = simulator;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<HttpResponseMessage>(cancellationToken);
        }

        var response = _simulator.Handle(ToSimRequest(request, cancellationToken));
        if (response.Reset)
        {
            return Task.FromException<HttpResponseMessage>(Reset());
        }

        if (response.Delay > TimeSpan.Zero)
        {
            return Delayed(response, request, cancellationToken);
        }

        return Task.FromResult(ToHttp(response, request));
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        SendAsync(request, cancellationToken).GetAwaiter().GetResult();

    internal static HttpRequestException Reset() =>
        new("The connection was reset by the OrchPatch simulator (an injected fault).", new IOException("Connection reset by peer (injected)."), statusCode: null);

    private async Task<HttpResponseMessage> Delayed(SimResponse response, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (response.Delay > TimeSpan.Zero)
        {
            await Task.Delay(response.Delay, _simulator.Time, cancellationToken).ConfigureAwait(false);
        }
        return ToHttp(response, request);
    }

    private static SimRequest ToSimRequest(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        if (!uri.IsAbsoluteUri)
        {
            throw new InvalidOperationException($"The request URI '{uri}' is relative; give the HttpClient a BaseAddress such as {SimulatorConstants.InProcessBaseAddress}.");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        void Add(IEnumerable<KeyValuePair<string, HeaderStringValues>> source)
        {
            foreach (var header in source)
            {
                headers[header.Key] = string.Join(", ", header.Value);
            }
        }

        Add(request.Headers.NonValidated);
        byte[] body = Array.Empty<byte>();
        if (request.Content is not null)
        {
            Add(request.Content.Headers.NonValidated);
            using var stream = request.Content.ReadAsStream(cancellationToken);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            body = copy.ToArray();
        }

        return new SimRequest(request.Method.Method, new Uri(uri.GetLeftPart(UriPartial.Authority) + "/"), uri.PathAndQuery, headers, body);
    }

    private static HttpResponseMessage ToHttp(SimResponse response, HttpRequestMessage request)
    {
        var message = new HttpResponseMessage((HttpStatusCode)response.StatusCode)
        {
            RequestMessage = request,
            Content = new ByteArrayContent(response.Body),
        };
        if (response.ContentType is not null)
        {
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(response.ContentType);
        }

        foreach (var (name, value) in response.Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return message;
    }
}
