using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OrchPatch.Core.Orchestrator;

namespace OrchPatch.Core.Maintenance;

/// <summary>
/// The farm's recent ordinary work, read from the jobs created in the last <see cref="DrainOptions.HistoryWindow"/>:
/// how fast work arrives, how long it runs, and each runbook's usual run time. Monitors and wait jobs are left out (a
/// monitor never ends; a wait job is maintenance). A run time is from the job's creation to its last change (the web
/// service shows no start time), so it includes the time the job waited for a slot; elapsed times are measured the
/// same way, on the service's clock, so the two compare.
/// </summary>
internal sealed class JobHistory
{
    /// <summary>The percentile of a runbook's recent run times taken as "when its job ends": most of its jobs end by
    /// then, so a server is not chosen on the strength of a lucky average.</summary>
    public const double EndPercentile = 0.9;

    private readonly IReadOnlyDictionary<Guid, TimeSpan> _endByRunbook;

    private JobHistory(TimeSpan window, int arrived, TimeSpan meanRunTime, int ended, IReadOnlyDictionary<Guid, TimeSpan> endByRunbook, DateTimeOffset readAt)
    {
        Window = window;
        Arrived = arrived;
        MeanRunTime = meanRunTime;
        Ended = ended;
        _endByRunbook = endByRunbook;
        ReadAt = readAt;
    }

    public TimeSpan Window { get; }

    /// <summary>Ordinary jobs created in the window.</summary>
    public int Arrived { get; }

    /// <summary>How many of them have ended (the run times known).</summary>
    public int Ended { get; }

    /// <summary>The mean run time of those that ended.</summary>
    public TimeSpan MeanRunTime { get; }

    /// <summary>When it was read (this machine's clock).</summary>
    public DateTimeOffset ReadAt { get; }

    public double ArrivalsPerHour => Window > TimeSpan.Zero ? Arrived / Window.TotalHours : 0;

    /// <summary>The work that arriving jobs keep running, by Little's law: jobs created per unit of time (over the
    /// window) times their mean run time. In a steady farm this is the number of ordinary jobs running at any moment.
    /// Jobs created late in the window that are still running are not in the mean, so it is low when the window is not
    /// much longer than the longest jobs: the capacity rule also takes the work running now (the larger of the two).</summary>
    public double ArrivingLoad => ArrivalsPerHour * MeanRunTime.TotalHours;

    /// <summary>The <see cref="EndPercentile"/> of the runbook's run times in the window; null when none of its jobs
    /// ended there.</summary>
    public TimeSpan? ExpectedRunTime(Guid runbookId) => _endByRunbook.TryGetValue(runbookId, out var value) ? value : null;

    /// <summary>The longest expected run time of any runbook; null when nothing ended.</summary>
    public TimeSpan? LongestExpectedRunTime => _endByRunbook.Count == 0 ? null : _endByRunbook.Values.Max();

    /// <summary>"240 jobs an hour x 5m54s mean run time".</summary>
    public string Describe() =>
        $"{ArrivalsPerHour:0.#} jobs an hour x {Durations.Format(MeanRunTime)} mean run time over the last {Durations.Format(Window)}";

    public static async Task<JobHistory> ReadAsync(FarmView farm, TimeSpan window, CancellationToken cancellationToken)
    {
        var context = farm.Context;
        var now = context.ServiceNow;
        var jobs = await context.Service.GetJobsAsync(new JobQuery { CreatedSince = now - window }, cancellationToken).ConfigureAwait(false);
        var ordinary = new List<Job>();
        foreach (var job in jobs)
        {
            var runbook = await farm.RunbookAsync(job.RunbookId, cancellationToken).ConfigureAwait(false);
            if (!runbook.IsMonitor && !string.Equals(runbook.Path, context.Settings.WaitRunbookPath, StringComparison.OrdinalIgnoreCase))
            {
                ordinary.Add(job);
            }
        }

        var ended = ordinary.Where(j => j.Status is JobStatus.Completed or JobStatus.Failed or JobStatus.Canceled).ToArray();
        var mean = ended.Length == 0 ? TimeSpan.Zero : TimeSpan.FromTicks((long)ended.Average(j => RunTime(j).Ticks));
        var ends = ended.GroupBy(j => j.RunbookId).ToDictionary(g => g.Key, g => Percentile(g.Select(RunTime).ToList(), EndPercentile));
        return new JobHistory(window, ordinary.Count, mean, ended.Length, ends, context.Now);
    }

    private static TimeSpan RunTime(Job job) => job.LastModifiedTime > job.CreationTime ? job.LastModifiedTime - job.CreationTime : TimeSpan.Zero;

    /// <summary>The nearest-rank percentile.</summary>
    internal static TimeSpan Percentile(List<TimeSpan> values, double p)
    {
        values.Sort();
        var rank = (int)Math.Ceiling(p * values.Count);
        return values[Math.Min(values.Count, Math.Max(1, rank)) - 1];
    }
}

/// <summary>Reads the history once and keeps it for a while, so a rolling patch reads it once per hour at most, not
/// once per drain (at 20,000 jobs an hour one reading is 400 pages).</summary>
internal sealed class JobHistorySource
{
    private readonly TimeSpan _window;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private JobHistory? _history;

    public JobHistorySource(TimeSpan window) => _window = window;

    public async Task<JobHistory> GetAsync(FarmView farm, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_history is null || farm.Context.Now - _history.ReadAt >= _window)
            {
                _history = await JobHistory.ReadAsync(farm, _window, cancellationToken).ConfigureAwait(false);
            }

            return _history;
        }
        finally
        {
            _gate.Release();
        }
    }
}
