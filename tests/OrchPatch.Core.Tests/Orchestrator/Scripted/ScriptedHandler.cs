using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace OrchPatch.Core.Tests.Orchestrator.Scripted;

/// <summary>Answers from a script, in order, and records every request: for request-shape tests and for parsing the
/// reference's verbatim wire samples.</summary>
internal sealed class ScriptedHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpResponseMessage>> _answers = new();

    public List<RecordedRequest> Requests { get; } = new();

    public ScriptedHandler Answer(HttpStatusCode status, string body = "", string mediaType = "application/atom+xml", Action<HttpResponseMessage>? headers = null)
    {
        _answers.Enqueue(() =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
            headers?.Invoke(response);
            return response;
        });
        return this;
    }

    public ScriptedHandler AnswerJson(HttpStatusCode status, string body, Action<HttpResponseMessage>? headers = null) =>
        Answer(status, body, "application/json", headers);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(RecordedRequest.From(request));
        if (_answers.Count == 0)
        {
            throw new InvalidOperationException($"The script has no answer for request {Requests.Count}: {request.Method} {request.RequestUri}.");
        }

        return Task.FromResult(_answers.Dequeue()());
    }
}
