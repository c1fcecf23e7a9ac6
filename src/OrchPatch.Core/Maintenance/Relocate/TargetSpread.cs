using System;
using System.Collections.Generic;
using System.Linq;
using OrchPatch.Core.Orchestrator;

namespace OrchPatch.Core.Maintenance;

/// <summary>
/// Orders the target servers of each move so that moved jobs spread across them. Orchestrator runs a job on the first
/// server of its <c>RunbookServers</c> list that can take it, the others being fallbacks (docs/orchestrator-facts.md#runbook-servers-dispatch-and-the-throttle;
/// "Facts confirmed": "the first listed runs it; the others are backups"), so one fixed list would pile every moved job
/// onto its first server.
/// </summary>
/// <remarks>Each move gets first the target with the most free slots left (ties in the given order), and that target
/// is counted one slot fuller; the other targets follow as fallbacks, most free first. Without capacity figures every
/// target counts as equally free, which makes the first server go round.</remarks>
internal sealed class TargetSpread
{
    private readonly IReadOnlyList<RunbookServer> _targets;
    private readonly int[] _free;

    /// <param name="targets">The servers jobs may move to, in the farm's order.</param>
    /// <param name="capacity">Their free slots before the moves (matched by name); a target without a figure counts 0.</param>
    public TargetSpread(IReadOnlyList<RunbookServer> targets, IReadOnlyList<ServerCapacity>? capacity = null)
    {
        _targets = targets;
        _free = targets.Select(t => capacity?.FirstOrDefault(c => ServerNames.Same(c.Server, t.Name))?.Free ?? 0).ToArray();
    }

    /// <summary>The targets, in the order the next moved job lists them; its first server is counted one slot fuller.</summary>
    /// <returns>Every target, most free first; empty when there are none.</returns>
    public IReadOnlyList<RunbookServer> Next()
    {
        if (_targets.Count == 0)
        {
            return Array.Empty<RunbookServer>();
        }

        var order = Enumerable.Range(0, _targets.Count).OrderByDescending(i => _free[i]).ThenBy(i => i).ToArray();
        _free[order[0]]--;
        return order.Select(i => _targets[i]).ToArray();
    }
}
