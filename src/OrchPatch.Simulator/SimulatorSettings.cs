using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using System.Linq;

namespace OrchPatch.Simulator;

/// <summary>How the simulator behaves where the reference leaves a choice open. Every default is the behaviour the
/// reference documents as most likely; the README's table lists each choice and its source.</summary>
/// <remarks>Validated once, when a <see cref="SimulatedOrchestrator"/> is built; every bad field is listed at once.</remarks>
public sealed class SimulatorSettings
{
    /// <summary>How often each runbook server's Runbook Service polls: it picks up Pending jobs and stops jobs whose
    /// cancel was requested only then, never at once. Servers poll out of step (see the README).</summary>
    /// <value>The default value is 3 seconds (<see cref="SimulatorConstants.DefaultPollInterval"/>).</value>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:10:00", ErrorMessage = "The field {0} must be between 100 milliseconds and 10 minutes.")]
    public TimeSpan RunbookServicePollInterval { get; set; } = SimulatorConstants.DefaultPollInterval;

    /// <summary>When a new max-jobs value limits a server.</summary>
    /// <value>The default value is <see cref="ThrottleActivation.Immediately"/>.</value>
    [EnumDataType(typeof(ThrottleActivation))]
    public ThrottleActivation ThrottleTakesEffect { get; set; } = ThrottleActivation.Immediately;

    /// <summary>When a Pending job whose cancel was requested becomes Canceled.</summary>
    /// <value>The default value is <see cref="PendingCancelTiming.NextPoll"/>.</value>
    [EnumDataType(typeof(PendingCancelTiming))]
    public PendingCancelTiming PendingCancel { get; set; } = PendingCancelTiming.NextPoll;

    /// <summary>Whether a job's own <c>RunbookServers</c> list is a preference order or a set. Microsoft documents the
    /// order: "the first listed runs it; the others are backups", and Invoke Runbook's list order "is used for failover
    /// and load balancing" (docs/orchestrator-facts.md); the set is kept only as an explicit choice.</summary>
    /// <value>The default value is <see cref="JobServerOrder.InOrder"/>.</value>
    [EnumDataType(typeof(JobServerOrder))]
    public JobServerOrder JobServerOrder { get; set; } = JobServerOrder.InOrder;

    /// <summary>What happens to a job whose running instance dies with its server (reboot or offline).</summary>
    /// <value>The default value is <see cref="InterruptedJobHandling.Requeue"/>.</value>
    [EnumDataType(typeof(InterruptedJobHandling))]
    public InterruptedJobHandling InterruptedJobs { get; set; } = InterruptedJobHandling.Requeue;

    /// <summary>Entries per response (server-driven page size).</summary>
    /// <value>The default value is 50.</value>
    [Range(1, 1000)]
    public int PageSize { get; set; } = SimulatorConstants.DefaultPageSize;

    /// <summary>The largest <c>$top</c> honoured; a larger one is cut to it, as the real service does.</summary>
    /// <value>The default value is 50.</value>
    [Range(1, 1000)]
    public int MaxTop { get; set; } = SimulatorConstants.DefaultMaxTop;

    /// <summary>Whether <c>$filter</c> compares strings ignoring case, as SQL Server's default collation
    /// (SQL_Latin1_General_CP1_CI_AS) under Orchestrator's database does.</summary>
    /// <value>The default value is true.</value>
    public bool CaseInsensitiveStrings { get; set; } = true;

    /// <summary>Users who may sign in with HTTP Basic. Empty: no authentication at all (the default). NTLM and
    /// Negotiate, which the real service uses, are not available on Linux; Basic stands in for them.</summary>
    /// <value>The default value is no users.</value>
    [EveryItemValid]
    public IReadOnlyList<SimulatedUser> Users { get; set; } = Array.Empty<SimulatedUser>();

    /// <summary>Faults injected into the two Orchestrator APIs (never into the control surface), for resilience tests.</summary>
    /// <value>The default value is no faults.</value>
    [EveryItemValid]
    public IReadOnlyList<FaultRule> Faults { get; set; } = Array.Empty<FaultRule>();

    /// <summary>The seed of the fault draws, so a run with faults repeats exactly.</summary>
    /// <value>The default value is 1.</value>
    public int FaultSeed { get; set; } = 1;

    /// <summary>How long a "timeout" fault holds its response (on the simulator's clock) before answering 504.</summary>
    /// <value>The default value is 5 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "The field {0} must be between 0 and 1 day.")]
    public TimeSpan FaultDelay { get; set; } = SimulatorConstants.DefaultFaultDelay;

    /// <summary>How far the Orchestrator's clock is ahead of (positive) or behind (negative) the machine driving it
    /// (the simulation clock): job and instance times and every answer's Date header are on the Orchestrator's clock,
    /// as on a farm whose database server and jump box disagree.</summary>
    /// <value>The default value is zero (one clock).</value>
    [Range(typeof(TimeSpan), "-1.00:00:00", "1.00:00:00", ErrorMessage = "The field {0} must be between -1 day and 1 day.")]
    public TimeSpan ClockOffset { get; set; }

    /// <summary>What every request to either Orchestrator API costs on the simulator's clock: the answer is computed
    /// when the request arrives and delivered this long (plus <see cref="RequestLatencyPerEntry"/> per entry) later,
    /// so jobs end and land between the pages of one listing and between a start and its confirmation, as on a real
    /// service. The control surface (the simulator's own back door) costs nothing. Zero turns it off: only for tests
    /// that read single answers on a clock nobody moves.</summary>
    /// <value>The default value is 40 milliseconds (<see cref="SimulatorConstants.DefaultRequestLatency"/>).</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "The field {0} must be between 0 and 1 minute.")]
    public TimeSpan RequestLatency { get; set; } = SimulatorConstants.DefaultRequestLatency;

    /// <summary>What each entry of a feed or collection adds to <see cref="RequestLatency"/> (a single entry counts one).</summary>
    /// <value>The default value is 2 milliseconds (<see cref="SimulatorConstants.DefaultRequestLatencyPerEntry"/>).</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "The field {0} must be between 0 and 1 minute.")]
    public TimeSpan RequestLatencyPerEntry { get; set; } = SimulatorConstants.DefaultRequestLatencyPerEntry;

    /// <summary>Settings with no time per request, for tests that read single answers on a fake clock nobody moves.</summary>
    /// <returns>These settings, changed.</returns>
    public SimulatorSettings WithoutLatency()
    {
        RequestLatency = TimeSpan.Zero;
        RequestLatencyPerEntry = TimeSpan.Zero;
        return this;
    }

    /// <summary>A copy whose later changes, lists included, leave these settings alone (every property is copied, so a
    /// new one is never missed).</summary>
    /// <returns>The copy.</returns>
    public SimulatorSettings Clone()
    {
        var copy = (SimulatorSettings)MemberwiseClone();
        copy.Users = (Users ?? Array.Empty<SimulatedUser>()).ToArray();
        copy.Faults = (Faults ?? Array.Empty<FaultRule>()).ToArray();
        return copy;
    }
}

/// <summary>When a changed max-jobs value starts to limit a server.</summary>
public enum ThrottleActivation
{
    /// <summary>At once: the next poll already honours it (the simulator's default, what a test usually wants).</summary>
    Immediately,

    /// <summary>Only after the server's Runbook Service restarts (a reboot, or offline then online), as aspt.exe's
    /// documentation says (docs/orchestrator-facts.md#runbook-servers-dispatch-and-the-throttle).</summary>
    AfterRunbookServiceRestart,
}

/// <summary>When a Pending job whose cancel was requested becomes Canceled.</summary>
public enum PendingCancelTiming
{
    /// <summary>On the next poll of any online runbook server (stopping is asynchronous, section 1.5).</summary>
    NextPoll,

    /// <summary>At once, in the request that asked for it.</summary>
    Immediately,
}

/// <summary>How a job's own <c>RunbookServers</c> list is read.</summary>
public enum JobServerOrder
{
    /// <summary>Any listed server with a free slot may take the job (whichever polls first): not what Microsoft
    /// documents, kept as an explicit setting for comparison.</summary>
    AnyListed,

    /// <summary>The list is a preference order: a later server takes the job only while every earlier one is
    /// offline or full, as for a runbook's Primary/Standby list (the default, as documented).</summary>
    InOrder,
}

/// <summary>What happens to a job whose running instance dies with its server.</summary>
public enum InterruptedJobHandling
{
    /// <summary>The job returns to Pending and later restarts from the beginning, on whichever server may take it.</summary>
    Requeue,

    /// <summary>The job ends Failed (the reference says running jobs are not migrated; orphans are cleaned up).</summary>
    Fail,
}

/// <summary>Checks every user or fault rule of a settings list (and that no user name repeats), as part of the
/// attribute pass, so these problems are listed together with every other bad field.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class EveryItemValidAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        var name = validationContext.MemberName ?? validationContext.DisplayName;
        var problems = new List<string>();
        if (value is IReadOnlyList<SimulatedUser> users)
        {
            problems.AddRange(users.Where(u => u is not null).GroupBy(u => u.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
                .Select(g => $"The field {name} names '{g.Key}' more than once."));
            problems.AddRange(users.SelectMany((u, i) => (u?.Problems() ?? new[] { "is null" }).Select(p => $"The field {name}[{i}] {p}.")));
        }
        else if (value is IReadOnlyList<FaultRule> rules)
        {
            problems.AddRange(rules.SelectMany((r, i) => (r?.Problems() ?? new[] { "is null" }).Select(p => $"The field {name}[{i}] {p}.")));
        }
        else if (value is null)
        {
            problems.Add($"The field {name} must not be null.");
        }

        return problems.Count == 0 ? ValidationResult.Success : new ValidationResult(string.Join(" ", problems), new[] { name! });
    }
}
