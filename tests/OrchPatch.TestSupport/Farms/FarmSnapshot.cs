using System;
using System.Collections.Generic;
using System.Linq;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Lab;
using OrchPatch.Simulator;
using OrchPatch.Simulator.Scenarios;

namespace OrchPatch.TestSupport.Farms;

/// <summary>
/// What a refused request must leave alone: every server's max jobs and every job's status and server. Two snapshots
/// taken around a refused call compare equal when nothing changed (time moving on is not a change).
/// </summary>
public sealed record FarmSnapshot(IReadOnlyDictionary<string, int> MaxJobs, IReadOnlyList<string> Jobs)
{
    /// <summary>Takes a snapshot.</summary>
    /// <param name="farm">The farm.</param>
    /// <returns>The snapshot.</returns>
    public static FarmSnapshot Of(SimulatedFarm farm)
    {
        var servers = farm.Orchestrator.Servers.ToDictionary(s => s.Name, s => farm.Orchestrator.GetMaxJobs(s.Name), StringComparer.OrdinalIgnoreCase);
        var jobs = farm.Orchestrator.Jobs
            .OrderBy(j => j.Id)
            .Select(j => $"{j.Id} {j.RunbookPath} {j.Status} {j.Server}")
            .ToArray();
        return new FarmSnapshot(servers, jobs);
    }

    /// <summary>Differences from another snapshot, for an assertion message; empty when equal.</summary>
    /// <param name="other">The later snapshot.</param>
    /// <returns>One line per difference.</returns>
    public IReadOnlyList<string> Differences(FarmSnapshot other)
    {
        var lines = new List<string>();
        foreach (var (server, max) in MaxJobs)
        {
            if (!other.MaxJobs.TryGetValue(server, out var now) || now != max)
            {
                lines.Add($"max jobs of {server}: {max} -> {(other.MaxJobs.TryGetValue(server, out var n) ? n.ToString() : "gone")}");
            }
        }

        lines.AddRange(Jobs.Except(other.Jobs).Select(j => "job was: " + j));
        lines.AddRange(other.Jobs.Except(Jobs).Select(j => "job now: " + j));
        return lines;
    }
}

/// <summary>Invariants of a farm that maintenance must never break, checked after the fact from the simulator's state.</summary>
public static class FarmInvariants
{
    /// <summary>Monitors that ever had two runs at once: (path, first job, second job). Must be empty.</summary>
    /// <param name="farm">The farm.</param>
    /// <returns>The overlaps.</returns>
    public static IReadOnlyList<string> MonitorOverlaps(SimulatedFarm farm)
    {
        var overlaps = new List<string>();
        var now = farm.Now;
        foreach (var runs in farm.Orchestrator.Jobs
                     .Where(j => j.Kind == RunbookKind.Monitor && j.StartTime is not null)
                     .GroupBy(j => j.RunbookPath))
        {
            var intervals = runs
                .Select(j => (j.Id, Start: j.StartTime!.Value, End: j.Status is SimulatedJobStatus.Running or SimulatedJobStatus.Pending ? now : j.LastModifiedTime))
                .OrderBy(i => i.Start)
                .ToArray();
            for (var i = 1; i < intervals.Length; i++)
            {
                if (intervals[i].Start < intervals[i - 1].End)
                {
                    overlaps.Add($"{runs.Key}: {intervals[i - 1].Id} and {intervals[i].Id}");
                }
            }
        }

        return overlaps;
    }

    /// <summary>Wait-runbook jobs still Pending or Running: maintenance records left behind.</summary>
    /// <param name="farm">The farm.</param>
    /// <returns>The jobs.</returns>
    public static IReadOnlyList<Guid> ActiveWaitJobs(SimulatedFarm farm) => farm.Orchestrator.Jobs
        .Where(j => j.Kind == RunbookKind.Wait && j.Status is SimulatedJobStatus.Pending or SimulatedJobStatus.Running)
        .Select(j => j.Id)
        .ToArray();
}
