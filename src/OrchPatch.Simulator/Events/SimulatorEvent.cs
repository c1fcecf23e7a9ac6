using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;
using OrchPatch.Simulator.Scenarios;

namespace OrchPatch.Simulator.Events;

/// <summary>Something that happened in the simulated farm, stamped with the simulated time it happened at.
/// Immutable. The metrics are computed from these alone (<see cref="Metrics.MetricsCalculator"/>).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(ServerRegistered), "serverRegistered")]
[JsonDerivedType(typeof(ServerOffline), "serverOffline")]
[JsonDerivedType(typeof(ServerOnline), "serverOnline")]
[JsonDerivedType(typeof(MaxJobsChanged), "maxJobsChanged")]
[JsonDerivedType(typeof(JobCreated), "jobCreated")]
[JsonDerivedType(typeof(JobStarted), "jobStarted")]
[JsonDerivedType(typeof(JobCancelRequested), "jobCancelRequested")]
[JsonDerivedType(typeof(JobCompleted), "jobCompleted")]
[JsonDerivedType(typeof(JobFailed), "jobFailed")]
[JsonDerivedType(typeof(JobCanceled), "jobCanceled")]
[JsonDerivedType(typeof(JobInterrupted), "jobInterrupted")]
[JsonDerivedType(typeof(InstanceStarted), "instanceStarted")]
[JsonDerivedType(typeof(InstanceEnded), "instanceEnded")]
[JsonDerivedType(typeof(RequestServed), "requestServed")]
public abstract record SimulatorEvent
{
    /// <summary>The event's number in the log, from 1; set by the log.</summary>
    public long Sequence { get; init; }

    /// <summary>The simulated time it happened (UTC).</summary>
    public DateTimeOffset Time { get; init; }
}

/// <summary>A runbook server exists (logged once per server when the simulator is built, online).</summary>
public sealed record ServerRegistered : SimulatorEvent
{
    /// <summary>The server's name.</summary>
    public string Server { get; init; } = string.Empty;

    /// <summary>The server's id.</summary>
    public Guid ServerId { get; init; }

    /// <summary>Its max jobs (configured and in effect).</summary>
    public int MaxJobs { get; init; }
}

/// <summary>A server stopped taking work: taken offline, or a reboot began. Its running instances died.</summary>
public sealed record ServerOffline : SimulatorEvent
{
    /// <summary>The server's name.</summary>
    public string Server { get; init; } = string.Empty;

    /// <summary>Whether this is a reboot (the server comes back by itself at <see cref="BackOnlineAt"/>).</summary>
    public bool Reboot { get; init; }

    /// <summary>When a rebooting server comes back; null when taken offline.</summary>
    public DateTimeOffset? BackOnlineAt { get; init; }
}

/// <summary>A server is back and its Runbook Service polls again.</summary>
public sealed record ServerOnline : SimulatorEvent
{
    /// <summary>The server's name.</summary>
    public string Server { get; init; } = string.Empty;

    /// <summary>Whether it came back from a reboot.</summary>
    public bool AfterReboot { get; init; }
}

/// <summary>A server's max jobs changed: its configured value, the value in effect, or both.</summary>
public sealed record MaxJobsChanged : SimulatorEvent
{
    /// <summary>The server's name.</summary>
    public string Server { get; init; } = string.Empty;

    /// <summary>The configured value before.</summary>
    public int Previous { get; init; }

    /// <summary>The configured value now (what the throttle reads back).</summary>
    public int MaxJobs { get; init; }

    /// <summary>The value that limits the server now (differs from <see cref="MaxJobs"/> until a Runbook Service
    /// restart when <see cref="ThrottleActivation.AfterRunbookServiceRestart"/> applies).</summary>
    public int EffectiveMaxJobs { get; init; }
}

/// <summary>Something that happened to a job.</summary>
public abstract record JobEvent : SimulatorEvent
{
    /// <summary>The job.</summary>
    public Guid JobId { get; init; }

    /// <summary>Its runbook.</summary>
    public Guid RunbookId { get; init; }

    /// <summary>Its runbook's path.</summary>
    public string RunbookPath { get; init; } = string.Empty;

    /// <summary>Its runbook's kind (ordinary, monitor, wait, canary).</summary>
    public RunbookKind RunbookKind { get; init; }
}

/// <summary>A job was created, Pending.</summary>
public sealed record JobCreated : JobEvent
{
    /// <summary>The job's own RunbookServers; empty for none.</summary>
    public IReadOnlyList<string> RunbookServers { get; init; } = Array.Empty<string>();

    /// <summary>The parent job, for a child.</summary>
    public Guid? ParentId { get; init; }

    /// <summary>Who created it (a SID).</summary>
    public string CreatedBy { get; init; } = string.Empty;

    /// <summary>Where the request came from: "OData", "WebApi", "Control", "Workload", "Scenario", "Parent".</summary>
    public string Source { get; init; } = string.Empty;
}

/// <summary>A server took a Pending job: it runs there now.</summary>
public sealed record JobStarted : JobEvent
{
    /// <summary>The server.</summary>
    public string Server { get; init; } = string.Empty;

    /// <summary>1 for the first run; more after interruptions (a restart from the beginning).</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>When this run will end by itself; null for a job that runs until canceled.</summary>
    public DateTimeOffset? PlannedEnd { get; init; }
}

/// <summary>Someone asked to stop a job; the runbook service acts on it at its next poll.</summary>
public sealed record JobCancelRequested : JobEvent
{
    /// <summary>Who asked (a SID).</summary>
    public string By { get; init; } = string.Empty;
}

/// <summary>A job reached a final status.</summary>
public abstract record JobEnded : JobEvent
{
    /// <summary>The server it ran on last; null when it never ran.</summary>
    public string? Server { get; init; }

    /// <summary>The final status.</summary>
    public abstract SimulatedJobStatus Status { get; }
}

/// <summary>A job ended normally.</summary>
public sealed record JobCompleted : JobEnded
{
    /// <inheritdoc />
    public override SimulatedJobStatus Status => SimulatedJobStatus.Completed;
}

/// <summary>A job ended with a failure.</summary>
public sealed record JobFailed : JobEnded
{
    /// <summary>Why: "the runbook failed", "a child job failed", "its server went down".</summary>
    public string Reason { get; init; } = string.Empty;

    /// <inheritdoc />
    public override SimulatedJobStatus Status => SimulatedJobStatus.Failed;
}

/// <summary>A job was stopped.</summary>
public sealed record JobCanceled : JobEnded
{
    /// <inheritdoc />
    public override SimulatedJobStatus Status => SimulatedJobStatus.Canceled;
}

/// <summary>A running job's instance died with its server (reboot or offline).</summary>
public sealed record JobInterrupted : JobEvent
{
    /// <summary>The server it was running on.</summary>
    public string Server { get; init; } = string.Empty;

    /// <summary>Whether the job went back to Pending to restart from the beginning (else it failed).</summary>
    public bool Requeued { get; init; }
}

/// <summary>A runbook instance started (a job's run; a monitor gets a new one each time it fires).</summary>
public sealed record InstanceStarted : JobEvent
{
    /// <summary>The instance.</summary>
    public Guid InstanceId { get; init; }

    /// <summary>The server.</summary>
    public string Server { get; init; } = string.Empty;
}

/// <summary>A runbook instance ended.</summary>
public sealed record InstanceEnded : JobEvent
{
    /// <summary>The instance.</summary>
    public Guid InstanceId { get; init; }

    /// <summary>The server.</summary>
    public string Server { get; init; } = string.Empty;

    /// <summary>Its completion status: Success, Failed or Canceled.</summary>
    public string Status { get; init; } = string.Empty;
}

/// <summary>The simulator answered a request.</summary>
public sealed record RequestServed : SimulatorEvent
{
    /// <summary>Which surface.</summary>
    public SimulatorApi Api { get; init; }

    /// <summary>The effective method (a POST tunnelling MERGE counts as MERGE).</summary>
    public string Method { get; init; } = string.Empty;

    /// <summary>The path, without the query.</summary>
    public string Path { get; init; } = string.Empty;

    /// <summary>The entity set or control resource, when the path names one.</summary>
    public string? EntitySet { get; init; }

    /// <summary>The <c>$skip</c> the request asked for (0 when none): which page of a listing it read.</summary>
    public int Skip { get; init; }

    /// <summary>The status code; 0 when the connection was reset.</summary>
    public int StatusCode { get; init; }

    /// <summary>The fault injected, if any.</summary>
    public FaultKind? Fault { get; init; }

    /// <summary>The signed-in user, if any.</summary>
    public string? User { get; init; }
}

/// <summary>The simulator's three surfaces.</summary>
public enum SimulatorApi
{
    /// <summary>The legacy <c>Orchestrator.svc</c> (OData v2, Atom XML).</summary>
    OData,

    /// <summary>The 2022 Web API (<c>/api</c>, OData v4 JSON).</summary>
    WebApi,

    /// <summary>The simulator's own control surface (<c>/_simulator/</c>).</summary>
    Control,

    /// <summary>A path under none of them.</summary>
    None,
}
