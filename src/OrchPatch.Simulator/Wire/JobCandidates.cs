using System;
using System.Collections.Generic;
using System.Linq;
using OrchPatch.Simulator.Runtime;

namespace OrchPatch.Simulator.Wire;

/// <summary>
/// The jobs a Jobs <c>$filter</c> is evaluated on: every job ever created, unless a top-level conjunct of the filter
/// proves that only a smaller, indexed part can match. Two such conjuncts are recognised, the ones the engine sends
/// every poll and before every start:
/// <list type="bullet">
/// <item><c>Status eq 'Pending'</c>, <c>Status eq 'Running'</c> or an <c>or</c> of such tests that no ended status
/// passes: only the active jobs (<see cref="Farm.ActiveJobs"/>) can match; and with a test of RunbookServerId beside
/// it (the drain's poll of one server), only the jobs running on the servers that pass it, and the Pending jobs (which
/// have no server) if no server passes it;</item>
/// <item><c>CreationTime ge|gt datetime</c>: only the jobs created from the first that passes can match (jobs are
/// created in time order);</item>
/// <item><c>Id eq guid</c> or an <c>or</c> of such tests (the engine's read of several jobs by id): only those jobs.</item>
/// </list>
/// The part is in creation order, as the whole history is, and the filter still decides every job in it, so the answer
/// (rows, order, pages, count) is the full scan's; only the work is proportional to the part, not to the history.
/// </summary>
internal static class JobCandidates
{
    private static readonly string[] EndedStatuses = Enum.GetValues<SimulatedJobStatus>()
        .Where(s => !s.IsActive())
        .Select(s => s.ToWire())
        .ToArray();

    /// <summary>The jobs that can match <paramref name="filter"/>, oldest first: the smallest part a conjunct allows.</summary>
    /// <param name="farm">The farm.</param>
    /// <param name="filter">The parsed filter of the Jobs set; null for none.</param>
    /// <returns>A subset of <see cref="Farm.Jobs"/> holding every job the filter matches.</returns>
    public static IEnumerable<SimJob> For(Farm farm, FilterNode? filter)
    {
        IEnumerable<SimJob> best = farm.Jobs;
        var size = farm.Jobs.Count;
        if (filter is null)
        {
            return best;
        }

        var conjuncts = Conjuncts(filter).ToList();
        var onlyActive = conjuncts.Any(OnlyActive);
        if (onlyActive && farm.ActiveJobs.Count < size)
        {
            best = farm.ActiveJobs;
            size = farm.ActiveJobs.Count;
        }

        foreach (var conjunct in conjuncts)
        {
            if (onlyActive && ActiveOnServers(farm, conjunct) is { } onServers && onServers.Count < size)
            {
                best = onServers;
                size = onServers.Count;
            }

            if (ById(farm, conjunct) is { } named && named.Count < size)
            {
                best = named;
                size = named.Count;
            }

            if (FirstCreatedFrom(farm, conjunct) is { } first && farm.Jobs.Count - first < size)
            {
                best = farm.Jobs.Skip(first);
                size = farm.Jobs.Count - first;
            }
        }

        return best;
    }

    /// <summary>The operands of a chain of <c>and</c>s (the node itself when it is not an <c>and</c>).</summary>
    private static IEnumerable<FilterNode> Conjuncts(FilterNode node) =>
        node.Logic == FilterLogic.And ? Conjuncts(node.Left!).Concat(Conjuncts(node.Right!)) : new[] { node };

    /// <summary>Whether the node is false for every job that has ended: tests of Status alone, joined by <c>or</c>,
    /// none of which an ended status passes.</summary>
    private static bool OnlyActive(FilterNode node) => node.Logic switch
    {
        FilterLogic.Or => OnlyActive(node.Left!) && OnlyActive(node.Right!),
        FilterLogic.And => false,
        _ => node.Test is { } test && IsJobProperty(test.Property, "Status") && !EndedStatuses.Any(status => test.Holds(status)),
    };

    /// <summary>For a test of RunbookServerId: the active jobs that can pass it, oldest first. A Running job is on its
    /// server's list and has that server; a Pending job has none (null).</summary>
    private static List<SimJob>? ActiveOnServers(Farm farm, FilterNode node)
    {
        if (node.Test is not { } test || !IsJobProperty(test.Property, "RunbookServerId"))
        {
            return null;
        }

        var jobs = farm.Servers.Where(server => test.Holds(server.Id)).SelectMany(server => server.Running);
        if (test.Holds(null))
        {
            jobs = jobs.Concat(farm.PendingJobs);
        }

        return jobs.OrderBy(job => job.Order).ToList();
    }

    /// <summary>For <c>Id eq literal</c>, or an <c>or</c> of such tests: the jobs with those ids, oldest first; null for
    /// any other node.</summary>
    private static List<SimJob>? ById(Farm farm, FilterNode node)
    {
        var ids = new List<Guid>();
        if (!CollectIds(node, ids))
        {
            return null;
        }

        return ids.Distinct().Select(farm.FindJob).OfType<SimJob>().OrderBy(job => job.Order).ToList();
    }

    private static bool CollectIds(FilterNode node, List<Guid> ids)
    {
        if (node.Logic == FilterLogic.Or)
        {
            return CollectIds(node.Left!, ids) && CollectIds(node.Right!, ids);
        }

        if (node.Test is { Operator: "eq", Value: Guid id } test && IsJobProperty(test.Property, "Id"))
        {
            ids.Add(id);
            return true;
        }

        return false;
    }

    /// <summary>For <c>CreationTime ge|gt literal</c>: the index of the first job that passes; the jobs before it all
    /// fail, since CreationTime never decreases along <see cref="Farm.Jobs"/> and the test is monotone in it.</summary>
    private static int? FirstCreatedFrom(Farm farm, FilterNode node)
    {
        if (node.Test is not { Operator: "ge" or "gt" } test || !IsJobProperty(test.Property, "CreationTime"))
        {
            return null;
        }

        var jobs = farm.Jobs;
        var (low, high) = (0, jobs.Count);
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (test.Holds(test.Property.Get(jobs[middle])))
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    private static bool IsJobProperty(WireProperty property, string name) =>
        ReferenceEquals(property, EntityModel.Jobs.FindProperty(name, ignoreCase: false));
}
