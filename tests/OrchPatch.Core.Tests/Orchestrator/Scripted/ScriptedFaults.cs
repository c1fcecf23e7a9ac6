using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace OrchPatch.Core.Tests.Orchestrator.Scripted;

/// <summary>What a scripted fault does to a request.</summary>
internal enum ScriptedFaultKind
{
    /// <summary>Answer with <see cref="ScriptedFault.Status"/> (and Retry-After when set) without passing the request on.</summary>
    Status,

    /// <summary>Never answer (until the client gives up and cancels).</summary>
    Hang,

    /// <summary>The connection is reset.</summary>
    Reset,

    /// <summary>Pass the request on (a start creates its job), then answer with <see cref="ScriptedFault.Status"/>: the
    /// service's answer is lost.</summary>
    AcceptThenStatus,

    /// <summary>Pass the request on, then never answer.</summary>
    AcceptThenHang,

    /// <summary>Before passing the request on, change the job it names, as a concurrent writer would (see
    /// <see cref="ScriptedFaults.TouchJob"/>).</summary>
    TouchJobFirst,
}

/// <summary>One scripted fault: which requests, what happens, how many times.</summary>
internal sealed class ScriptedFault
{
    public ScriptedFault(Func<HttpRequestMessage, bool> when, ScriptedFaultKind kind, int times = 1)
    {
        When = when;
        Kind = kind;
        Remaining = times;
    }

    public Func<HttpRequestMessage, bool> When { get; }

    public ScriptedFaultKind Kind { get; }

    public int Remaining { get; set; }

    public HttpStatusCode Status { get; init; } = HttpStatusCode.ServiceUnavailable;

    public string Body { get; init; } = "The service is busy.";

    public TimeSpan? RetryAfter { get; init; }

    public DateTimeOffset? RetryAfterDate { get; init; }

    public static Func<HttpRequestMessage, bool> Any => _ => true;

    public static Func<HttpRequestMessage, bool> Starts => r => r.Method == HttpMethod.Post && r.RequestUri!.AbsolutePath.EndsWith("/Jobs", StringComparison.Ordinal);

    public static Func<HttpRequestMessage, bool> Gets => r => r.Method == HttpMethod.Get;

    public static Func<HttpRequestMessage, bool> Cancels => r => r.Method.Method == "PATCH" || r.Headers.Contains("X-HTTP-Method");
}

/// <summary>Faults the network and a web service can produce that the simulator does not (any status with any body,
/// Retry-After, hangs, lost answers), scripted per request in front of the real service handler; every request is
/// recorded.</summary>
internal sealed class ScriptedFaults : DelegatingHandler
{
    // OData keys a job as Jobs(guid'id'), the web API as Jobs/id; either is followed by the end, a slash or the key's close.
    private static readonly Regex JobKey = new(@"/Jobs(?:\(guid'|/)(?<id>[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12})(?:'\)|/|$)", RegexOptions.CultureInvariant);
    private readonly object _gate = new();

    public ScriptedFaults(HttpMessageHandler service, Action<Guid> touchJob)
        : base(service)
    {
        TouchJob = touchJob;
    }

    /// <summary>Changes a job the way another writer would (called for <see cref="ScriptedFaultKind.TouchJobFirst"/>).</summary>
    public Action<Guid> TouchJob { get; }

    public List<ScriptedFault> Faults { get; } = new();

    public List<RecordedRequest> Requests { get; } = new();

    public ScriptedFaults Fail(Func<HttpRequestMessage, bool> when, ScriptedFaultKind kind, int times = 1, HttpStatusCode status = HttpStatusCode.ServiceUnavailable, TimeSpan? retryAfter = null)
    {
        Faults.Add(new ScriptedFault(when, kind, times) { Status = status, RetryAfter = retryAfter });
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ScriptedFault? fault;
        lock (_gate)
        {
            Requests.Add(RecordedRequest.From(request));
            fault = Faults.FirstOrDefault(f => f.Remaining > 0 && f.When(request));
            if (fault is not null)
            {
                fault.Remaining--;
            }
        }

        switch (fault?.Kind)
        {
            case ScriptedFaultKind.Status:
                return Answer(fault);
            case ScriptedFaultKind.Hang:
                return await Hang(cancellationToken).ConfigureAwait(false);
            case ScriptedFaultKind.Reset:
                throw new HttpRequestException("An error occurred while sending the request.", new IOException("Connection reset by peer"));
            case ScriptedFaultKind.TouchJobFirst:
                TouchJob(JobIdIn(request.RequestUri!));
                break;
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        switch (fault?.Kind)
        {
            case ScriptedFaultKind.AcceptThenStatus:
                response.Dispose();
                return Answer(fault);
            case ScriptedFaultKind.AcceptThenHang:
                response.Dispose();
                return await Hang(cancellationToken).ConfigureAwait(false);
            default:
                return response;
        }
    }

    private static HttpResponseMessage Answer(ScriptedFault fault)
    {
        var response = new HttpResponseMessage(fault.Status) { Content = new StringContent(fault.Body) };
        if (fault.RetryAfter is { } delta)
        {
            response.Headers.RetryAfter = new RetryConditionHeaderValue(delta);
        }

        if (fault.RetryAfterDate is { } date)
        {
            response.Headers.RetryAfter = new RetryConditionHeaderValue(date);
        }

        return response;
    }

    private static Task<HttpResponseMessage> Hang(CancellationToken cancellationToken)
    {
        var never = new TaskCompletionSource<HttpResponseMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        cancellationToken.Register(() => never.TrySetCanceled(cancellationToken));
        return never.Task;
    }

    /// <summary>The job id in Jobs(guid'...') (OData) or Jobs/{id} (the web API); anything else is a test's mistake.</summary>
    private static Guid JobIdIn(Uri uri)
    {
        var match = JobKey.Match(Uri.UnescapeDataString(uri.AbsolutePath));
        return match.Success
            ? Guid.Parse(match.Groups["id"].Value)
            : throw new InvalidOperationException($"TouchJobFirst needs a request for one job, not {uri.AbsolutePath}.");
    }
}
