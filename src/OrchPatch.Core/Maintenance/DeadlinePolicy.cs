using System.Collections.Generic;
using System.Linq;

namespace OrchPatch.Core.Maintenance;

/// <summary>What a drain does when its deadline passes with jobs still running.</summary>
public enum DeadlinePolicy
{
    /// <summary>The default: give the server back as it was found and name the blocking jobs.</summary>
    Fail,

    /// <summary>The deadline only warns; keep waiting until the jobs finish (stop the command to stop waiting; the
    /// server then stays drained).</summary>
    Wait,

    /// <summary>Restart the remaining jobs on other servers, but only if every one matches the restartable patterns;
    /// otherwise fail as <see cref="Fail"/> does.</summary>
    Relocate,

    /// <summary>Cancel the remaining jobs: their work is lost. Only ever applied when the user names it.</summary>
    Cancel,
}

/// <summary>The decision a policy takes at the deadline.</summary>
internal enum DeadlineDecisionKind
{
    RollBack,
    KeepWaiting,
    Relocate,
    Cancel,
}

/// <summary>A policy's decision and, for a roll-back, the way out to tell the user.</summary>
internal sealed record DeadlineDecision(DeadlineDecisionKind Kind, IReadOnlyList<JobClassification> Jobs, string WayOut);

/// <summary>The four policies as small named values, each with one job (the Noda Time <c>Resolvers</c> pattern).</summary>
internal static class DeadlinePolicies
{
    public static DeadlineDecision Decide(DeadlinePolicy policy, IReadOnlyList<JobClassification> remaining, RestartablePatterns restartable) => policy switch
    {
        DeadlinePolicy.Fail => new(DeadlineDecisionKind.RollBack, remaining, "raise the deadline, mark them restartable with DeadlinePolicy Relocate, or use DeadlinePolicy Wait"),
        DeadlinePolicy.Wait => new(DeadlineDecisionKind.KeepWaiting, remaining, string.Empty),
        DeadlinePolicy.Relocate => DecideRelocate(remaining, restartable),
        DeadlinePolicy.Cancel => new(DeadlineDecisionKind.Cancel, remaining, string.Empty),
        _ => throw new System.InvalidOperationException($"Bug in OrchPatch: deadline policy {policy} has no decision."),
    };

    private static DeadlineDecision DecideRelocate(IReadOnlyList<JobClassification> remaining, RestartablePatterns restartable)
    {
        var notRestartable = remaining.Where(j => j.Category == JobCategory.Child || !restartable.Matches(j.Runbook.Path)).ToArray();
        return notRestartable.Length == 0
            ? new(DeadlineDecisionKind.Relocate, remaining, string.Empty)
            : new(DeadlineDecisionKind.RollBack, notRestartable,
                $"{notRestartable.Length} not marked restartable (restartable: {restartable}); children of Invoke Runbook never are: " +
                "mark them restartable or use DeadlinePolicy Wait");
    }
}
