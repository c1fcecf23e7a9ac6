using System;
using System.Collections.Generic;
using System.Linq;

namespace OrchPatch.Lab;

/// <summary>
/// The window a run's own schedule would have had if each drain had ended exactly at its lower bound (the moment the
/// last ordinary job running there when the drain began ended by itself): what a procedure that knew every job's end
/// would reach with the same order and the same concurrency.
/// </summary>
/// <remarks>
/// The run is replayed server by server, in the order the drains began. Each server's time out of service is its
/// drain followed by the rest (patch and restore, as long as they took in the run). A drain that began while no other
/// server had come back yet (the first, or a wave's first ones) keeps its offset from the window's start; one that
/// began after servers came back follows the one of them that came back last, with the same delay after it. In the
/// replay the drain lasts its lower bound, so the server comes back earlier or later by the difference, and so does
/// every server that followed it. Whatever the run did after its last server came back is kept as it was.
/// </remarks>
public static class PerfectKnowledge
{
    /// <summary>The replayed window (see the type's remarks); the run's own window when no server was drained.</summary>
    /// <param name="report">The run.</param>
    /// <returns>The window.</returns>
    public static TimeSpan Window(MaintenanceReport report)
    {
        if (report is null)
        {
            throw new ArgumentNullException(nameof(report));
        }

        var drained = report.Servers.Where(s => s.DrainStartedAt is not null)
            .Select(s => (Server: s, Start: s.DrainStartedAt!.Value, Back: BackInService(s)))
            .OrderBy(s => s.Start)
            .ToList();
        if (drained.Count == 0)
        {
            return report.Window;
        }

        var replayedBack = new Dictionary<ServerTimeline, DateTimeOffset>();
        foreach (var (server, start, back) in drained)
        {
            // The server this drain waited for: the last one back in service at or before it began.
            var before = drained.Where(d => d.Server != server && d.Back <= start).OrderBy(d => d.Back).LastOrDefault();
            var replayedStart = before.Server is null
                ? start
                : (replayedBack.TryGetValue(before.Server, out var replayed) ? replayed : before.Back) + (start - before.Back);
            var rest = back - (start + server.DrainTime);
            replayedBack[server] = replayedStart + server.LowerBound + rest;
        }

        var tail = report.FinishedAt - drained.Max(d => d.Back);
        return replayedBack.Values.Max() + tail - report.StartedAt;
    }

    /// <summary>When the server came back in service: the end of its last phase out of service.</summary>
    private static DateTimeOffset BackInService(ServerTimeline server) =>
        server.Phases.Where(p => p.Phase != LabPhase.Normal).Select(p => p.To).DefaultIfEmpty(server.DrainStartedAt!.Value + server.DrainTime).Max();
}
