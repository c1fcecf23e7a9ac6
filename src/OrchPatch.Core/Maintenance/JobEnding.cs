using System;
using System.Threading;
using System.Threading.Tasks;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Core.Utils;

namespace OrchPatch.Core.Maintenance;

/// <summary>Cancels a job and waits until Orchestrator shows it ended: cancellation is asynchronous (the runbook
/// service notices it on its next poll), so a request is not a result.</summary>
internal static class JobEnding
{
    /// <summary>Requests the cancellation and waits for the job to end.</summary>
    /// <returns>True when it ended within <see cref="MaintenanceSettings.CancelConfirmTimeout"/>.</returns>
    public static async Task<bool> CancelAndWaitAsync(MaintenanceContext context, Guid jobId, TimeSpan poll, CancellationToken cancellationToken)
    {
        await context.Service.CancelJobAsync(jobId, cancellationToken).ConfigureAwait(false);
        return await WaitUntilEndedAsync(context, jobId, poll, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits for a job to end.</summary>
    /// <returns>True when it ended within <see cref="MaintenanceSettings.CancelConfirmTimeout"/>.</returns>
    public static async Task<bool> WaitUntilEndedAsync(MaintenanceContext context, Guid jobId, TimeSpan poll, CancellationToken cancellationToken) =>
        await WaitForEndAsync(context, jobId, poll, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Waits for a job to end.</summary>
    /// <returns>The job as it ended (its final status says how); null when it still ran after
    /// <see cref="MaintenanceSettings.CancelConfirmTimeout"/>.</returns>
    public static async Task<Job?> WaitForEndAsync(MaintenanceContext context, Guid jobId, TimeSpan poll, CancellationToken cancellationToken)
    {
        var since = context.Now;
        var deadline = since + context.Settings.CancelConfirmTimeout;
        while (true)
        {
            var job = await context.Service.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false);
            if (!job.Status.IsActive())
            {
                return job;
            }

            if (context.Now >= deadline)
            {
                return null;
            }

            await Clock.Delay(context.Time, AdaptivePoll.Next(since, context.Now, poll), cancellationToken).ConfigureAwait(false);
        }
    }
}
