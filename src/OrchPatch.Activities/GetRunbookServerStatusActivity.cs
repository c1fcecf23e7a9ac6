using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.SystemCenter.Orchestrator.Integration;
using OrchPatch.Core.Maintenance;

namespace OrchPatch.Activities;

/// <summary>One runbook server as a row of correlated published data, so a runbook can loop over the servers.</summary>
[ActivityData("Runbook Server Status")]
public sealed class RunbookServerStatusRow
{
    internal RunbookServerStatusRow(RunbookServerStatus status, FarmStatus farm)
    {
        RunbookServer = status.Server;
        OtherRunbookServers = farm.OthersThan(status.Server);
        MaxJobs = status.MaxJobs ?? 0;
        RunningJobs = status.RunningJobs;
        PendingJobs = status.PendingJobs;
        RunningMonitors = status.RunningMonitors;
        InMaintenance = status.InMaintenance ? "True" : "False";
        MaintenanceSince = status.Maintenance?.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? string.Empty;
        MaintenanceOwner = status.Maintenance?.Owner ?? string.Empty;
    }

    /// <summary>The server.</summary>
    [ActivityOutput("Runbook Server")]
    public string RunbookServer { get; }

    /// <summary>Every other server's name, joined with ',' (for an Invoke Runbook's Runbook Servers field).</summary>
    [ActivityOutput("Other Runbook Servers")]
    public string OtherRunbookServers { get; }

    /// <summary>Max jobs (0 when the throttle method cannot read it).</summary>
    [ActivityOutput("Max Jobs")]
    public int MaxJobs { get; }

    /// <summary>Jobs running there.</summary>
    [ActivityOutput("Running Jobs")]
    public int RunningJobs { get; }

    /// <summary>Pending jobs that may run only there.</summary>
    [ActivityOutput("Pending Jobs")]
    public int PendingJobs { get; }

    /// <summary>Monitors running there.</summary>
    [ActivityOutput("Running Monitors")]
    public int RunningMonitors { get; }

    /// <summary>"True" when it is in maintenance.</summary>
    [ActivityOutput("In Maintenance")]
    public string InMaintenance { get; }

    /// <summary>When its maintenance began (UTC), or empty.</summary>
    [ActivityOutput("Maintenance Since")]
    public string MaintenanceSince { get; }

    /// <summary>Who began it, or empty.</summary>
    [ActivityOutput("Maintenance Owner")]
    public string MaintenanceOwner { get; }
}

/// <summary>"Get Runbook Server Status": one call to <see cref="ReadFarmStatus"/>, one row per server.</summary>
[Activity(ActivityNames.Status, Description = ActivityNames.StatusDescription)]
public sealed class GetRunbookServerStatusActivity
{
    /// <summary>The pack's connection (Options menu).</summary>
    [ActivityConfiguration]
    public OrchestratorPatchingConnection Connection { get; set; } = new();

    /// <summary>One server, or empty for all.</summary>
    [ActivityInput("Runbook Server", Optional = true)]
    public string RunbookServer { get; set; } = string.Empty;

    /// <summary>How many servers are listed.</summary>
    [ActivityOutput("Server Count")]
    public int ServerCount { get; private set; }

    /// <summary>The servers, one row each.</summary>
    [ActivityOutput("Runbook Servers")]
    public IEnumerable<RunbookServerStatusRow> Servers { get; private set; } = Array.Empty<RunbookServerStatusRow>();

    /// <summary>Reads the status.</summary>
    [ActivityMethod]
    public void Run()
    {
        var server = string.IsNullOrWhiteSpace(RunbookServer) ? null : RunbookServer.Trim();
        var status = ActivityRuntime.Run(Connection, context => new ReadFarmStatus(context).RunAsync(server), changesThings: false);
        ServerCount = status.Servers.Count;
        Servers = status.Servers.Select(s => new RunbookServerStatusRow(s, status)).ToArray();
    }
}
