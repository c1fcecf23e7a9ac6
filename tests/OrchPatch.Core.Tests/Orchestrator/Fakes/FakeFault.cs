using System;
using System.Net;
using System.Net.Http;

namespace OrchPatch.Core.Tests.Orchestrator.Fakes;

/// <summary>How the fake answers a request it was told to fail.</summary>
internal enum FaultKind
{
    /// <summary>Answer with <see cref="FakeFault.Status"/> (and Retry-After when set) without doing the work.</summary>
    Status,

    /// <summary>Never answer (until the client gives up and cancels).</summary>
    Hang,

    /// <summary>The connection is reset.</summary>
    Reset,

    /// <summary>Do the work (a start creates its job), then answer with <see cref="FakeFault.Status"/>: the answer is lost.</summary>
    AcceptThenStatus,

    /// <summary>Do the work, then never answer.</summary>
    AcceptThenHang,

    /// <summary>Change the job named in the request (a new ETag) before handling it, as a concurrent writer would.</summary>
    TouchJobFirst,
}

/// <summary>One scripted fault: which requests, what happens, how many times.</summary>
internal sealed class FakeFault
{
    public FakeFault(Func<HttpRequestMessage, bool> when, FaultKind kind, int times = 1)
    {
        When = when;
        Kind = kind;
        Remaining = times;
    }

    public Func<HttpRequestMessage, bool> When { get; }

    public FaultKind Kind { get; }

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
