using System;

namespace OrchPatch.Simulator;

/// <summary>The simulator's defaults, named once (the Polly <c>RetryConstants</c> pattern); a test pins them.</summary>
public static class SimulatorConstants
{
    /// <summary>How often a runbook server's Runbook Service polls for work and for cancel requests: 3 seconds.</summary>
    /// <remarks>The reference says only that the service polls "frequently" (docs/orchestrator-facts.md#the-web-services).</remarks>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(3);

    /// <summary>The smallest poll interval a setting may give.</summary>
    public static readonly TimeSpan MinPollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>The largest poll interval a setting may give.</summary>
    public static readonly TimeSpan MaxPollInterval = TimeSpan.FromMinutes(10);

    /// <summary>Entries per response when the client asks for more or for nothing: 50 (MSDN hh921660).</summary>
    public const int DefaultPageSize = 50;

    /// <summary>The largest <c>$top</c> honoured: 50 ("maximum of 50", MSDN hh921660). A larger value is cut to it.</summary>
    public const int DefaultMaxTop = 50;

    /// <summary>A per-runbook job concurrency when the scenario gives none: 1, as Orchestrator's "Job Concurrency".</summary>
    public const int DefaultRunbookConcurrency = 1;

    /// <summary>How often a monitor runbook fires (a new runbook instance) when the scenario gives no interval.</summary>
    public static readonly TimeSpan DefaultTriggerInterval = TimeSpan.FromMinutes(5);

    /// <summary>How long an injected "timeout" fault holds the response before it answers 504: 5 minutes, longer
    /// than any sane client timeout.</summary>
    public static readonly TimeSpan DefaultFaultDelay = TimeSpan.FromMinutes(5);

    /// <summary>What every request to either Orchestrator API costs before its answer arrives: 40 milliseconds, a
    /// round trip to IIS with Windows authentication and a SQL query behind it on a LAN.</summary>
    /// <remarks>No public measurement of Orchestrator.svc exists (docs/orchestrator-facts.md#the-web-services, says only that a real
    /// service takes time per request): a realistic order of magnitude, kept as a setting.</remarks>
    public static readonly TimeSpan DefaultRequestLatency = TimeSpan.FromMilliseconds(40);

    /// <summary>What each entry of an answer adds to <see cref="DefaultRequestLatency"/>: 2 milliseconds (a full page
    /// of 50 takes 140 ms in all), as serialising an Atom entry and reading its row cost time.</summary>
    public static readonly TimeSpan DefaultRequestLatencyPerEntry = TimeSpan.FromMilliseconds(2);

    /// <summary>The largest <see cref="SimulatorSettings.RequestLatency"/> or per-entry cost a setting may give.</summary>
    public static readonly TimeSpan MaxRequestLatency = TimeSpan.FromMinutes(1);

    /// <summary>The SID written to <c>CreatedBy</c> when no user signed in (the well-known local Administrator form).</summary>
    public const string AnonymousSid = "S-1-5-500";

    /// <summary>The address the in-process handler answers on (never resolved: the handler is the transport).</summary>
    public static readonly Uri InProcessBaseAddress = new("http://simulator.local/");

    /// <summary>The legacy service's path under the base address.</summary>
    public const string ODataPath = "Orchestrator2012/Orchestrator.svc/";

    /// <summary>The 2022 Web API's path under the base address.</summary>
    public const string WebApiPath = "api/";

    /// <summary>The control surface's path under the base address (not part of Orchestrator).</summary>
    public const string ControlPath = "_simulator/";

    /// <summary>The largest request body the simulator reads: 1 MiB.</summary>
    public const int MaxRequestBodyBytes = 1024 * 1024;
}
