using System;
using System.Globalization;
using System.Linq;
using Microsoft.SystemCenter.Orchestrator.Integration;
using OrchPatch.Core.Maintenance;

namespace OrchPatch.Activities;

/// <summary>"Get Runbook Server Status": one call to <see cref="ReadFarmStatus"/>. Publishes a multi-valued
/// "Runbook Server" (the next activity runs once per server, as with S1's multi-valued <c>string[]</c> outputs) and
/// scalars. The per-server details are scalars only when one server is named; a later activity that needs a server's
/// details reads them itself (Drain, Restore), because a collection of <c>[ActivityData]</c> rows has no public evidence.</summary>
[Activity(ActivityNames.Status, Description = ActivityNames.StatusDescription)]
public sealed class GetRunbookServerStatusActivity
{
    /// <summary>The pack's connection (Options menu).</summary>
    [ActivityConfiguration(Usage = ConfigurationUsage.ExecuteOnly)]
    public OrchestratorPatchingConnection Connection { get; set; } = new();

    /// <summary>One server, or empty for all.</summary>
    [ActivityInput("Runbook Server", Optional = true)]
    public string RunbookServer { get; set; } = string.Empty;

    /// <summary>The servers listed: a multi-valued output, one value per server.</summary>
    [ActivityOutput("Runbook Server")]
    public string[] Servers { get; private set; } = Array.Empty<string>();

    /// <summary>How many servers are listed.</summary>
    [ActivityOutput("Server Count")]
    public int ServerCount { get; private set; }

    /// <summary>Every farm server except the one named in the input, joined with ';' (Invoke Runbook's separator);
    /// every server when none is named.</summary>
    [ActivityOutput("Other Runbook Servers")]
    public string OtherRunbookServers { get; private set; } = string.Empty;

    /// <summary>The listed servers that are in maintenance, joined with ';'.</summary>
    [ActivityOutput("Servers In Maintenance")]
    public string ServersInMaintenance { get; private set; } = string.Empty;

    /// <summary>Max jobs of the listed servers, added up (0 for a server whose max jobs cannot be read).</summary>
    [ActivityOutput("Max Jobs")]
    public int MaxJobs { get; private set; }

    /// <summary>Jobs running on the listed servers.</summary>
    [ActivityOutput("Running Jobs")]
    public int RunningJobs { get; private set; }

    /// <summary>Pending jobs that may run only on the listed servers.</summary>
    [ActivityOutput("Pending Jobs")]
    public int PendingJobs { get; private set; }

    /// <summary>Monitors running on the listed servers.</summary>
    [ActivityOutput("Running Monitors")]
    public int RunningMonitors { get; private set; }

    /// <summary>"True" when every listed server is in maintenance (the one named, usually).</summary>
    [ActivityOutput("In Maintenance")]
    public string InMaintenance { get; private set; } = "False";

    /// <summary>One readable line per server: name, max jobs, running, pending, monitors, maintenance since and owner.</summary>
    [ActivityOutput("Status")]
    public string Status { get; private set; } = string.Empty;

    /// <summary>What could not be read, one per line (published, not thrown).</summary>
    [ActivityOutput("Warnings")]
    public string Warnings { get; private set; } = string.Empty;

    /// <summary>Reads the status.</summary>
    [ActivityMethod]
    public void Run()
    {
        var server = string.IsNullOrWhiteSpace(RunbookServer) ? null : RunbookServer.Trim();
        var farm = ActivityRuntime.Run(Connection, context => new ReadFarmStatus(context).RunAsync(server), changesThings: false);
        var listed = farm.Servers;
        Servers = listed.Select(s => s.Server).ToArray();
        ServerCount = listed.Count;
        OtherRunbookServers = string.Join(";", server is null || listed.Count != 1 ? farm.AllServers : farm.AllServers.Where(s => !ServerNames.Same(s, listed[0].Server)));
        ServersInMaintenance = string.Join(";", listed.Where(s => s.InMaintenance).Select(s => s.Server));
        MaxJobs = listed.Sum(s => s.MaxJobs ?? 0);
        RunningJobs = listed.Sum(s => s.RunningJobs);
        PendingJobs = listed.Sum(s => s.PendingJobs);
        RunningMonitors = listed.Sum(s => s.RunningMonitors);
        InMaintenance = listed.Count > 0 && listed.All(s => s.InMaintenance) ? "True" : "False";
        Status = string.Join(Environment.NewLine, listed.Select(Line));
        Warnings = ActivityRuntime.Lines(farm.Warnings);
    }

    private static string Line(RunbookServerStatus s) => string.Format(
        CultureInfo.InvariantCulture,
        "{0}: max jobs {1}, running {2}, pending {3}, monitors {4}, {5}",
        s.Server,
        s.MaxJobs?.ToString(CultureInfo.InvariantCulture) ?? "unknown",
        s.RunningJobs,
        s.PendingJobs,
        s.RunningMonitors,
        s.Maintenance is null ? "not in maintenance" : "in maintenance since " + s.Maintenance.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) + " by " + s.Maintenance.Owner);
}
