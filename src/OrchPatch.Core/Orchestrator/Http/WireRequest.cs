using System;
using System.Collections.Generic;
using System.Net.Http;

namespace OrchPatch.Core.Orchestrator;

/// <summary>One request to the web service, kept as data so that every attempt builds a fresh message from it.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="RelativeUri">Relative to the service root, query already escaped (for example <c>Jobs?$filter=...</c>).</param>
/// <param name="Operation">What it does, for messages ("list the jobs").</param>
internal sealed record WireRequest(HttpMethod Method, string RelativeUri, string Operation)
{
    /// <summary>What a 403 means for this request: the permission it needs.</summary>
    public const string ReadPermission = "read permission on runbooks and jobs in the web service";

    /// <summary>The body, or null.</summary>
    public string? Body { get; init; }

    /// <summary>The body's media type.</summary>
    public string ContentType { get; init; } = "application/json";

    /// <summary>Headers besides the API's own (for example <c>X-HTTP-Method</c>, <c>If-Match</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = Array.Empty<KeyValuePair<string, string>>();

    /// <summary>Failure statuses the caller reads itself (404 for "no such job", 412 for a changed job).</summary>
    public IReadOnlyList<int> HandledStatuses { get; init; } = Array.Empty<int>();

    /// <summary>The permission a 403 reports as missing.</summary>
    public string Permission { get; init; } = ReadPermission;

    /// <summary>Added to the message of a 400 (what else a 400 can mean for this request).</summary>
    public string? BadRequestHint { get; init; }

    /// <summary>True for the probe of the service root: its own 404 means the URL is wrong.</summary>
    public bool IsRootProbe { get; init; }

    public static WireRequest Get(string relativeUri, string operation) => new(HttpMethod.Get, relativeUri, operation);
}

/// <summary>An answer, read whole within the request timeout.</summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="Body">The body ("" when none).</param>
/// <param name="ETag">The ETag header, when present.</param>
/// <param name="Location">The Location header, when present.</param>
internal sealed record WireResponse(int StatusCode, string Body, string? ETag, Uri? Location)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;
}
