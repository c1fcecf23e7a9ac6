using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Core.Throttle;
using OrchPatch.Core.Utils;

namespace OrchPatch.Core.Maintenance;

/// <summary>Free capacity of one server that could take moved work.</summary>
/// <param name="Server">The server.</param>
/// <param name="MaxJobs">Its max jobs (assumed where the throttle cannot read it).</param>
/// <param name="Running">Jobs running there now.</param>
/// <param name="MaxJobsAssumed">Whether <paramref name="MaxJobs"/> is assumed.</param>
public sealed record ServerCapacity(string Server, int MaxJobs, int Running, bool MaxJobsAssumed)
{
    /// <summary>Slots free now.</summary>
    public int Free => Math.Max(0, MaxJobs - Running);
}

/// <summary>
/// Step 1 of a drain, and the whole of a plan: every check, before anything changes (the kubectl <c>Complete</c>
/// role). Reads only. Collects every problem instead of stopping at the first, so a refusal names them all.
/// </summary>
internal sealed class DrainPreflight
{
    private DrainPreflight(RunbookServer server, IReadOnlyList<RunbookServer> servers, Runbook waitRunbook)
    {
        Server = server;
        Servers = servers;
        WaitRunbook = waitRunbook;
    }

    public RunbookServer Server { get; }

    public IReadOnlyList<RunbookServer> Servers { get; }

    public Runbook WaitRunbook { get; }

    public IReadOnlyList<MaintenanceRecord> Records { get; private set; } = Array.Empty<MaintenanceRecord>();

    /// <summary>This server's own record, when it is already in maintenance.</summary>
    public MaintenanceRecord? Existing { get; private set; }

    public int PreviousMaxJobs { get; private set; }

    public bool PreviousMaxJobsAssumed { get; private set; }

    /// <summary>Where moved work can go: every other server not in maintenance.</summary>
    public IReadOnlyList<RunbookServer> Targets { get; private set; } = Array.Empty<RunbookServer>();

    public IReadOnlyList<JobClassification> Jobs { get; private set; } = Array.Empty<JobClassification>();

    public IReadOnlyList<ServerCapacity> Capacity { get; private set; } = Array.Empty<ServerCapacity>();

    public List<string> Problems { get; } = new();

    public List<string> Warnings { get; } = new();

    public int MustMoveNow => Jobs.Count(j => j.Action == JobAction.RelocateNow);

    public static async Task<DrainPreflight> RunAsync(FarmView farm, string serverName, DrainOptions options, CancellationToken cancellationToken)
    {
        var context = farm.Context;
        var server = await farm.FindServerAsync(serverName, "drain", cancellationToken).ConfigureAwait(false);
        var servers = await farm.ServersAsync(cancellationToken).ConfigureAwait(false);
        var waitRunbook = await farm.WaitRunbookAsync(server.Name, "drain", cancellationToken).ConfigureAwait(false);
        var preflight = new DrainPreflight(server, servers, waitRunbook);

        preflight.CheckLocalServer(context, options);
        preflight.CheckServerCount(options);
        await preflight.CheckMaintenanceAsync(farm, options, cancellationToken).ConfigureAwait(false);
        await preflight.ReadThrottleAsync(context, cancellationToken).ConfigureAwait(false);
        var active = await context.Service.GetJobsAsync(JobQuery.Active, cancellationToken).ConfigureAwait(false);
        await preflight.ClassifyAsync(farm, active, cancellationToken).ConfigureAwait(false);
        await preflight.CheckCapacityAsync(context, active, cancellationToken).ConfigureAwait(false);
        await preflight.CheckWaveAsync(farm, options, active, cancellationToken).ConfigureAwait(false);
        return preflight;
    }

    public MaintenanceRefusedException Refusal() => new(Server.Name, "drain", Problems);

    private void CheckLocalServer(MaintenanceContext context, DrainOptions options)
    {
        if (!options.AllowLocalServer && ServerNames.MayBeSameComputer(context.Settings.LocalComputerName, Server.Name))
        {
            Problems.Add($"{Server.Name} is the runbook server running this drain; draining it would stop the runbook that asked for it. Run the drain on another runbook server (pin the job with Runbook Servers) or from orchpatch on another computer (or, if it is meant, with orchpatch's --allow-local).");
        }
    }

    private void CheckServerCount(DrainOptions options)
    {
        if (Servers.Count < options.MinimumRunbookServers)
        {
            Problems.Add(Servers.Count == 1
                ? $"{Server.Name} is the only runbook server: draining it would leave no server to run runbooks. Deploy another runbook server first."
                : $"the farm has {Servers.Count} runbook servers ({string.Join(", ", Servers.Select(s => s.Name))}); at least {options.MinimumRunbookServers} are required (MinimumRunbookServers).");
        }
    }

    private async Task CheckMaintenanceAsync(FarmView farm, DrainOptions options, CancellationToken cancellationToken)
    {
        Records = await farm.ActiveRecordsAsync(Server.Name, "drain", cancellationToken).ConfigureAwait(false);
        Existing = Records.FirstOrDefault(r => r.IsFor(Server.Name));
        if (Existing is not null && !options.Resume)
        {
            Problems.Add($"{Existing.Describe()} is already in maintenance. If the run that started it is still going, let it finish; if it stopped, restore the server to end the maintenance, or resume the drain to continue it.");
        }

        var others = Records.Where(r => !r.IsFor(Server.Name) && options.CountsAgainstLock(r)).GroupBy(r => r.Server, StringComparer.OrdinalIgnoreCase).Select(g => g.First()).ToArray();
        if (Existing is null && others.Length >= options.MaxConcurrentMaintenance)
        {
            Problems.Add($"{string.Join("; ", others.Select(o => o.Describe()))} {(others.Length == 1 ? "is" : "are")} already in maintenance, and at most {Plural.Of(options.MaxConcurrentMaintenance, "server")} may be at once (MaxConcurrentMaintenance).");
        }

        Targets = Servers.Where(s => s.Id != Server.Id && !Records.Any(r => r.IsFor(s.Name))).ToArray();
        if (Targets.Count == 0 && Servers.Count > 1)
        {
            Problems.Add($"every other runbook server is in maintenance; draining {Server.Name} would leave none taking work.");
        }
    }

    private async Task ReadThrottleAsync(MaintenanceContext context, CancellationToken cancellationToken)
    {
        if (Existing is not null)
        {
            PreviousMaxJobs = Existing.PreviousMaxJobs;
            return;
        }

        int? read;
        try
        {
            read = await context.Throttle.GetMaxJobsAsync(Server.Name, cancellationToken).ConfigureAwait(false);
        }
        catch (ThrottleException ex)
        {
            Problems.Add($"max jobs of {Server.Name} cannot be read with the {context.Throttle.Name} throttle: {ex.Message}");
            return;
        }

        PreviousMaxJobs = read ?? context.Settings.AssumedMaxJobs;
        PreviousMaxJobsAssumed = read is null;
        if (read is null)
        {
            Warnings.Add($"the {context.Throttle.Name} throttle cannot read max jobs; the restore will set {Server.Name} to {PreviousMaxJobs} (AssumedMaxJobs).");
        }
        else if (read <= 1)
        {
            Warnings.Add($"max jobs of {Server.Name} is already {read} although it is not in maintenance; the restore will put back {read}.");
        }
    }

    private async Task ClassifyAsync(FarmView farm, IReadOnlyList<Job> active, CancellationToken cancellationToken)
    {
        var classifier = new JobClassifier(Server, WaitRunbook.Id);
        var mine = active.Where(j => j.RunbookServerId == Server.Id
            || (j.Status == JobStatus.Pending && j.RunbookServerId is null && j.RunbookServers.Count > 0 && j.RunbookServers.All(s => ServerNames.Same(s, Server.Name))));
        var jobs = new List<JobClassification>();
        foreach (var job in mine)
        {
            jobs.Add(classifier.Classify(job, await farm.RunbookAsync(job.RunbookId, cancellationToken).ConfigureAwait(false)));
        }

        Jobs = jobs;
    }

    /// <summary>With other servers in maintenance, the wave's rule (<see cref="WaveCapacity"/>): the drain of a runbook
    /// author running drains side by side is held to what the rolling patch is held to.</summary>
    private async Task CheckWaveAsync(FarmView farm, DrainOptions options, IReadOnlyList<Job> active, CancellationToken cancellationToken)
    {
        var others = Records.Where(r => !r.IsFor(Server.Name)).Select(r => r.Server).ToArray();
        if (options.CapacityDecidedByCaller || Existing is not null || others.Length == 0)
        {
            return;
        }

        var decision = await new WaveCapacity(farm.Context, options).DecideAsync(farm, Server.Name, Servers, Records, others, active, cancellationToken).ConfigureAwait(false);
        if (!decision.Allowed)
        {
            Problems.Add(decision.Reason);
        }
    }

    private async Task CheckCapacityAsync(MaintenanceContext context, IReadOnlyList<Job> active, CancellationToken cancellationToken)
    {
        var capacity = new List<ServerCapacity>();
        foreach (var target in Targets)
        {
            int? max;
            try
            {
                max = await context.Throttle.GetMaxJobsAsync(target.Name, cancellationToken).ConfigureAwait(false);
            }
            catch (ThrottleException ex)
            {
                Warnings.Add($"max jobs of {target.Name} cannot be read ({ex.Message}); assuming {context.Settings.AssumedMaxJobs}.");
                max = null;
            }

            var running = active.Count(j => j.RunbookServerId == target.Id && j.Status == JobStatus.Running);
            capacity.Add(new ServerCapacity(target.Name, max ?? context.Settings.AssumedMaxJobs, running, max is null));
        }

        Capacity = capacity;
        var free = capacity.Sum(c => c.Free);
        // With no other server to move to, the server-count or maintenance problem already says why.
        if (MustMoveNow > free && capacity.Count > 0)
        {
            Problems.Add($"{Plural.Of(MustMoveNow, "monitor")} must move at once, but the other servers have {Plural.Of(free, "free slot")} ({string.Join(", ", capacity.Select(c => $"{c.Server} {c.Running}/{c.MaxJobs}"))}).");
        }
    }
}
