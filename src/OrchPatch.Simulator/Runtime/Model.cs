using System;
using System.Collections.Generic;
using System.Linq;
using OrchPatch.Simulator.Scenarios;

namespace OrchPatch.Simulator.Runtime;

/// <summary>A runbook server's live state. Mutable; touched only under the simulator's lock.</summary>
internal sealed class SimServer
{
    public SimServer(Guid id, string name, int maxJobs, int index)
    {
        Id = id;
        Name = name;
        MaxJobs = EffectiveMaxJobs = maxJobs;
        Index = index;
    }

    public Guid Id { get; }

    public string Name { get; }

    public int Index { get; }

    /// <summary>The configured value (<c>MaxRunningPolicies</c>): what the throttle reads and writes.</summary>
    public int MaxJobs { get; set; }

    /// <summary>The value the Runbook Service honours now.</summary>
    public int EffectiveMaxJobs { get; set; }

    public ServerStatus Status { get; set; } = ServerStatus.Online;

    public DateTimeOffset? BackOnlineAt { get; set; }

    public ScheduledAction? NextPoll { get; set; }

    public ScheduledAction? ComingBack { get; set; }

    /// <summary>Jobs running here, in the order they started.</summary>
    public List<SimJob> Running { get; } = new();

    public bool IsOnline => Status == ServerStatus.Online;

    public bool HasFreeSlot => Running.Count < EffectiveMaxJobs;
}

/// <summary>A published runbook with its resolved parameters and server list.</summary>
internal sealed class SimRunbook
{
    public SimRunbook(RunbookSpec spec, Guid id, Guid folderId, IReadOnlyList<SimParameter> parameters, IReadOnlyList<SimServer> servers, DateTimeOffset published)
    {
        Spec = spec;
        Id = id;
        FolderId = folderId;
        Parameters = parameters;
        Servers = servers;
        Published = published;
    }

    public RunbookSpec Spec { get; }

    public Guid Id { get; }

    public Guid FolderId { get; }

    public string Path => Spec.Path;

    public string Name => Spec.Name;

    public bool IsMonitor => Spec.IsMonitor;

    public RunbookKind Kind => Spec.Kind;

    public int Concurrency => Spec.EffectiveConcurrency;

    public IReadOnlyList<SimParameter> Parameters { get; }

    public IEnumerable<SimParameter> InParameters => Parameters.Where(p => p.Direction == ParameterDirection.In);

    /// <summary>The runbook's own Primary/Standby list, in order; empty for any server.</summary>
    public IReadOnlyList<SimServer> Servers { get; }

    public DateTimeOffset Published { get; }

    public int RunningCount { get; set; }
}

/// <summary>A declared runbook parameter.</summary>
internal sealed record SimParameter(Guid Id, Guid RunbookId, string Name, string Type, ParameterDirection Direction);

/// <summary>One parameter value of a job.</summary>
internal sealed record SimParameterValue(SimParameter Parameter, string Value);

/// <summary>A job's live state.</summary>
internal sealed class SimJob
{
    public SimJob(Guid id, long order, SimRunbook runbook, DateTimeOffset created, string createdBy)
    {
        Id = id;
        Order = order;
        Runbook = runbook;
        CreationTime = LastModifiedTime = created;
        CreatedBy = LastModifiedBy = createdBy;
    }

    public Guid Id { get; }

    /// <summary>Creation order: Pending jobs are taken oldest first.</summary>
    public long Order { get; }

    public SimRunbook Runbook { get; }

    public SimulatedJobStatus Status { get; set; } = SimulatedJobStatus.Pending;

    /// <summary>The server running it, or the last one it ran on once ended; null while Pending.</summary>
    public SimServer? Server { get; set; }

    /// <summary>The job's own RunbookServers as the client wrote them.</summary>
    public IReadOnlyList<string> RunbookServerNames { get; init; } = Array.Empty<string>();

    /// <summary>The same, resolved.</summary>
    public IReadOnlyList<SimServer> TargetServers { get; init; } = Array.Empty<SimServer>();

    public IReadOnlyList<SimParameterValue> Parameters { get; init; } = Array.Empty<SimParameterValue>();

    public Guid? ParentId { get; init; }

    public bool? ParentIsWaiting { get; init; }

    public DateTimeOffset CreationTime { get; }

    public DateTimeOffset LastModifiedTime { get; set; }

    public string CreatedBy { get; }

    public string LastModifiedBy { get; set; }

    /// <summary>How long one run takes, drawn once when the job is created (a restart runs it again in full).</summary>
    public TimeSpan? PlannedDuration { get; init; }

    /// <summary>Whether its run ends Failed, drawn once when the job is created.</summary>
    public bool WillFail { get; init; }

    public bool CancelRequested { get; set; }

    public DateTimeOffset? StartTime { get; set; }

    public DateTimeOffset? PlannedEnd { get; set; }

    public int Attempts { get; set; }

    public int Interruptions { get; set; }

    public SimInstance? CurrentInstance { get; set; }

    /// <summary>The next thing the run does by itself: finish, or (a monitor) fire.</summary>
    public ScheduledAction? NextStep { get; set; }

    /// <summary>Children this run waits for.</summary>
    public List<SimJob> WaitingFor { get; } = new();

    /// <summary>The run has finished its own work and waits for children.</summary>
    public bool AwaitingChildren { get; set; }

    public bool IsActive => Status.IsActive();
}

/// <summary>One run of a job on a server.</summary>
internal sealed class SimInstance
{
    public SimInstance(Guid id, SimJob job, SimServer server, DateTimeOffset created)
    {
        Id = id;
        Job = job;
        Server = server;
        CreationTime = created;
    }

    public Guid Id { get; }

    public SimJob Job { get; }

    public SimServer Server { get; }

    public string Status { get; set; } = InstanceStatuses.Running;

    public DateTimeOffset CreationTime { get; }

    public DateTimeOffset? CompletionTime { get; set; }
}

/// <summary>RunbookInstance.Status values (the in-progress value is unconfirmed; see the README).</summary>
internal static class InstanceStatuses
{
    public const string Running = "InProgress";
    public const string Success = "Success";
    public const string Failed = "Failed";
    public const string Canceled = "Canceled";
}
