using System;

namespace OrchPatch.Core.Orchestrator;

/// <summary>The connection's defaults and fixed figures, named once (a test pins them).</summary>
public static class OrchestratorConnectionConstants
{
    /// <summary>How long one request may take before it counts as a timeout: 100 seconds (HttpClient's own default).</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(100);

    /// <summary>How many times a transient fault is retried: 5 (so at most 6 attempts).</summary>
    public const int DefaultMaxRetryAttempts = 5;

    /// <summary>The first backoff step: 1 second (doubled per retry, then jittered).</summary>
    public static readonly TimeSpan DefaultRetryBaseDelay = TimeSpan.FromSeconds(1);

    /// <summary>The longest backoff step: 30 seconds.</summary>
    public static readonly TimeSpan DefaultMaxRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>The most time one operation may spend retrying: 2 minutes.</summary>
    public static readonly TimeSpan DefaultMaxRetryTotal = TimeSpan.FromMinutes(2);

    /// <summary>Rows per page: the documented maximum of <c>$top</c> and the service's default page size.</summary>
    public const int PageSize = 50;

    /// <summary>How far before a failed start a job may have been created and still be that start's job: the allowance
    /// for the difference between this machine's clock and the Orchestrator database's.</summary>
    public static readonly TimeSpan StartLookupClockSkew = TimeSpan.FromMinutes(2);

    /// <summary>How many times a cancel is re-read and re-sent when the job changed in between (412).</summary>
    public const int MaxCancelConflicts = 3;

    /// <summary>The two URL forms, for messages about a wrong URL.</summary>
    public const string ExpectedUrlForms =
        "http(s)://SERVER:81/Orchestrator2012/Orchestrator.svc/ (Orchestrator 2012-2019) or https://SERVER:PORT/api/ (Orchestrator 2022)";
}
