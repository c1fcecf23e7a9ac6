using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OrchPatch.Core.Orchestrator;

namespace OrchPatch.Core.Maintenance;

/// <summary>One job's move as <see cref="MonitorMoves"/> ran it.</summary>
/// <param name="Job">The job.</param>
/// <param name="Moved">The move; null when the job ended by itself first, or the move failed.</param>
/// <param name="Error">Why the move failed; null when it did not.</param>
internal sealed record MoveOutcome(JobClassification Job, RelocatedJob? Moved, Exception? Error);

/// <summary>
/// Moves a server's monitors at once: a monitor never finishes, so every one of them is a gap in monitoring until it
/// runs elsewhere, and one after another 50 monitors took minutes. Up to <see cref="MaxAtOnce"/> moves run together;
/// jobs of the same runbook move one after another, so each move sees the other's copy (and refuses rather than start a
/// second copy of a monitor). A failed move does not stop the others: each is finished or taken back by
/// <see cref="JobRelocator"/>, never left as two running copies, and the caller reports the failure after all have ended.
/// </summary>
internal static class MonitorMoves
{
    /// <summary>How many moves run at once: enough for 50 monitors to move in a few polls of the runbook service,
    /// few enough that the web service is not asked dozens of starts at a time.</summary>
    public const int MaxAtOnce = 8;

    /// <summary>Runs the moves, at most <paramref name="maxAtOnce"/> at a time.</summary>
    /// <param name="relocator">Moves one job.</param>
    /// <param name="source">The server they leave.</param>
    /// <param name="moves">Each job with the servers it may go to (drawn by the caller, in order).</param>
    /// <param name="maxAtOnce">How many at once.</param>
    /// <param name="cancellationToken">Stops the moves not yet started; those under way see it too.</param>
    /// <returns>One outcome per job, in the order given.</returns>
    public static async Task<IReadOnlyList<MoveOutcome>> RunAsync(
        JobRelocator relocator, string source, IReadOnlyList<(JobClassification Job, IReadOnlyList<RunbookServer> Targets)> moves, int maxAtOnce, CancellationToken cancellationToken)
    {
        // A few workers, each taking the next runbook's moves when its last ones are done. No SemaphoreSlim: its
        // waiters resume on the thread pool, and a simulated clock (tests, benchmarks) needs every continuation inline.
        var groups = moves.GroupBy(m => m.Job.Runbook.Id).Select(g => g.ToArray()).ToArray();
        var next = -1;
        async Task<IReadOnlyList<MoveOutcome>> WorkAsync()
        {
            var done = new List<MoveOutcome>();
            for (var i = Interlocked.Increment(ref next); i < groups.Length; i = Interlocked.Increment(ref next))
            {
                done.AddRange(await MoveInTurnAsync(relocator, source, groups[i], cancellationToken).ConfigureAwait(false));
            }

            return done;
        }

        var workers = Enumerable.Range(0, Math.Min(maxAtOnce, groups.Length)).Select(_ => WorkAsync()).ToArray();
        var outcomes = (await Task.WhenAll(workers).ConfigureAwait(false)).SelectMany(o => o).ToDictionary(o => o.Job.Job.Id);
        return moves.Select(m => outcomes[m.Job.Job.Id]).ToArray();
    }

    /// <summary>The moves of one runbook's jobs, one after another; after a failure the rest are not tried (the failure
    /// may have left a copy that the next move would meet).</summary>
    private static async Task<IReadOnlyList<MoveOutcome>> MoveInTurnAsync(
        JobRelocator relocator, string source, IReadOnlyList<(JobClassification Job, IReadOnlyList<RunbookServer> Targets)> moves, CancellationToken cancellationToken)
    {
        var outcomes = new List<MoveOutcome>();
        Exception? failed = null;
        foreach (var (job, targets) in moves)
        {
            if (failed is not null)
            {
                outcomes.Add(new MoveOutcome(job, null, new MaintenanceFailedException(source, RelocateMessages.SameRunbookMoveFailed(job.Runbook.Path, job.Job.Id), RelocateMessages.NotTouched, failed)));
                continue;
            }

            try
            {
                outcomes.Add(new MoveOutcome(job, await relocator.RelocateAsync(source, job, targets, cancellationToken).ConfigureAwait(false), null));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                failed = ex;
                outcomes.Add(new MoveOutcome(job, null, ex));
            }
        }

        return outcomes;
    }
}
