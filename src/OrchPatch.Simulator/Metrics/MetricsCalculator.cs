using System;
using System.Collections.Generic;
using System.Linq;
using OrchPatch.Simulator.Events;
using OrchPatch.Simulator.Scenarios;

namespace OrchPatch.Simulator.Metrics;

/// <summary>Computes <see cref="SimulatorMetrics"/> by replaying an event log. Pure: the same events give the same
/// figures, so a test can hand it a constructed timeline, and a benchmark can measure any window (for example from
/// the moment a drain began).</summary>
public static class MetricsCalculator
{
    /// <summary>Replays <paramref name="events"/> and measures the window [<paramref name="from"/>, <paramref name="to"/>].
    /// Events before the window set the state it starts in.</summary>
    /// <param name="events">The log (any order; replayed by time, then sequence).</param>
    /// <param name="from">The window's start.</param>
    /// <param name="to">The window's end.</param>
    /// <returns>The metrics.</returns>
    /// <exception cref="ArgumentException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    public static SimulatorMetrics Compute(IEnumerable<SimulatorEvent> events, DateTimeOffset from, DateTimeOffset to)
    {
        if (events is null)
        {
            throw new ArgumentNullException(nameof(events));
        }

        if (to < from)
        {
            throw new ArgumentException($"The window ends ({to:o}) before it starts ({from:o}).", nameof(to));
        }

        var replay = new Replay(from, to);
        foreach (var e in InReplayOrder(events).TakeWhile(e => e.Time <= to))
        {
            replay.Apply(e);
        }

        return replay.Finish();
    }

    /// <summary>The events by time, then sequence. A simulator's log is already in that order, so it is only checked
    /// (a benchmark replays a log of millions of events once per server).</summary>
    private static IEnumerable<SimulatorEvent> InReplayOrder(IEnumerable<SimulatorEvent> events)
    {
        var list = events as IReadOnlyList<SimulatorEvent> ?? events.ToList();
        for (var i = 1; i < list.Count; i++)
        {
            var (previous, current) = (list[i - 1], list[i]);
            if (current.Time < previous.Time || (current.Time == previous.Time && current.Sequence < previous.Sequence))
            {
                return list.OrderBy(e => e.Time).ThenBy(e => e.Sequence);
            }
        }

        return list;
    }

    private sealed class Replay
    {
        private readonly DateTimeOffset _from;
        private readonly DateTimeOffset _to;
        private readonly Dictionary<string, ServerView> _servers = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<Guid, RunningJob> _running = new();
        private readonly Dictionary<Guid, (DateTimeOffset Since, RunbookKind Kind)> _pending = new();
        private readonly Dictionary<string, MonitorView> _monitors = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<TimeSpan> _waits = new();
        private readonly List<TimeSpan> _ordinaryWaits = new();
        private readonly Dictionary<string, int> _byEndpoint = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _byApi = new(StringComparer.Ordinal);
        private readonly List<CapacityPoint> _capacity = new();
        private DateTimeOffset _cursor = DateTimeOffset.MinValue;
        private TimeSpan _haViolation;
        private int _fewestAccepting = int.MaxValue;
        private int _created;
        private int _completed;
        private int _failed;
        private int _canceled;
        private int _interrupted;
        private int _restarts;

        public Replay(DateTimeOffset from, DateTimeOffset to)
        {
            _from = from;
            _to = to;
        }

        public void Apply(SimulatorEvent e)
        {
            Accumulate(e.Time);
            if (_capacity.Count == 0 && e.Time >= _from)
            {
                // The state the window opens with, before its first event.
                SampleCapacity(_from);
            }

            var inWindow = e.Time >= _from && e.Time <= _to;
            switch (e)
            {
                case ServerRegistered r:
                    _servers[r.Server] = new ServerView { Online = true, EffectiveMaxJobs = r.MaxJobs };
                    break;
                case ServerOffline o:
                    Server(o.Server).Online = false;
                    break;
                case ServerOnline o:
                    Server(o.Server).Online = true;
                    break;
                case MaxJobsChanged m:
                    Server(m.Server).EffectiveMaxJobs = m.EffectiveMaxJobs;
                    break;
                case JobCreated c:
                    _created += inWindow ? 1 : 0;
                    _pending[c.JobId] = (c.Time, c.RunbookKind);
                    break;
                case JobStarted s:
                    _restarts += inWindow && s.Attempt > 1 ? 1 : 0;
                    EndWait(s.JobId, s.Time);
                    _running[s.JobId] = new RunningJob(s.Server, s.RunbookKind, s.RunbookPath);
                    ChangeRunning(s.Server, s.RunbookKind, s.RunbookPath, +1, s.Time);
                    break;
                case JobInterrupted i:
                    _interrupted += inWindow ? 1 : 0;
                    StopRunning(i.JobId, i.Time);
                    if (i.Requeued)
                    {
                        _pending[i.JobId] = (i.Time, i.RunbookKind);
                    }

                    break;
                case JobEnded ended:
                    _completed += inWindow && ended is JobCompleted ? 1 : 0;
                    _failed += inWindow && ended is JobFailed ? 1 : 0;
                    _canceled += inWindow && ended is JobCanceled ? 1 : 0;
                    EndWait(ended.JobId, ended.Time);
                    StopRunning(ended.JobId, ended.Time);
                    break;
                case RequestServed r when inWindow:
                    Count(_byEndpoint, $"{r.Api} {r.Method} {r.EntitySet ?? r.Path}");
                    Count(_byApi, r.Api.ToString());
                    break;
            }

            _cursor = e.Time;
            if (inWindow)
            {
                SampleCapacity(e.Time);
            }
        }

        public SimulatorMetrics Finish()
        {
            Accumulate(_to);
            foreach (var monitor in _monitors.Values.Where(m => m.Running == 0 && m.GapStart is not null))
            {
                CloseGap(monitor, _to);
            }

            foreach (var (since, kind) in _pending.Values.Where(p => p.Since <= _to))
            {
                Record(_to - since, kind);
            }

            if (_capacity.Count == 0)
            {
                SampleCapacity(_from);
            }

            SampleCapacity(_to);

            return new SimulatorMetrics
            {
                From = _from,
                To = _to,
                JobsCreated = _created,
                JobsCompleted = _completed,
                JobsFailed = _failed,
                JobsCanceled = _canceled,
                JobsInterrupted = _interrupted,
                Restarts = _restarts,
                MonitorGaps = _monitors.OrderBy(m => m.Key, StringComparer.OrdinalIgnoreCase)
                    .Select(m => new MonitorGap(m.Key, m.Value.Total, m.Value.Worst, m.Value.Gaps)).ToList(),
                QueueWait = Stats(_waits),
                OrdinaryQueueWait = Stats(_ordinaryWaits),
                TimeWithoutServerAcceptingWork = _haViolation,
                FewestServersAcceptingWork = _fewestAccepting == int.MaxValue ? Accepting() : _fewestAccepting,
                RequestsByEndpoint = _byEndpoint,
                RequestsByApi = _byApi,
                Capacity = _capacity,
            };
        }

        /// <summary>The state between the cursor and <paramref name="until"/> held unchanged: count its part in the window.</summary>
        private void Accumulate(DateTimeOffset until)
        {
            var start = _cursor > _from ? _cursor : _from;
            var end = until < _to ? until : _to;
            if (end <= start)
            {
                return;
            }

            var accepting = Accepting();
            _fewestAccepting = Math.Min(_fewestAccepting, accepting);
            if (accepting == 0)
            {
                _haViolation += end - start;
            }
        }

        private int Accepting() => _servers.Values.Count(AcceptsWork);

        private static bool AcceptsWork(ServerView s) => s.Online && s.EffectiveMaxJobs > s.WaitJobsRunning;

        /// <summary>A step of the capacity series when it changed; several events at one moment make one step.</summary>
        private void SampleCapacity(DateTimeOffset at)
        {
            var accepting = _servers.Values.Where(AcceptsWork).ToList();
            var point = new CapacityPoint(at, accepting.Count, accepting.Sum(s => Math.Max(0, s.EffectiveMaxJobs - s.Running)));
            var last = _capacity.Count - 1;
            if (last >= 0 && _capacity[last].Time == at)
            {
                _capacity[last] = point;
            }
            else if (last < 0 || _capacity[last] with { Time = at } != point || at == _to)
            {
                _capacity.Add(point);
            }
        }

        private void StopRunning(Guid jobId, DateTimeOffset at)
        {
            if (_running.Remove(jobId, out var job))
            {
                ChangeRunning(job.Server, job.Kind, job.RunbookPath, -1, at);
            }
        }

        private void ChangeRunning(string server, RunbookKind kind, string runbookPath, int delta, DateTimeOffset at)
        {
            Server(server).Running += delta;
            if (kind == RunbookKind.Wait)
            {
                Server(server).WaitJobsRunning += delta;
            }

            if (kind != RunbookKind.Monitor)
            {
                return;
            }

            if (!_monitors.TryGetValue(runbookPath, out var monitor))
            {
                _monitors[runbookPath] = monitor = new MonitorView();
            }

            monitor.Running += delta;
            if (monitor.Running == 0)
            {
                monitor.GapStart = at;
            }
            else if (delta > 0 && monitor.GapStart is not null)
            {
                CloseGap(monitor, at);
            }
        }

        private void CloseGap(MonitorView monitor, DateTimeOffset at)
        {
            var start = monitor.GapStart!.Value > _from ? monitor.GapStart.Value : _from;
            var end = at < _to ? at : _to;
            monitor.GapStart = null;
            if (end <= start)
            {
                return;
            }

            var length = end - start;
            monitor.Total += length;
            monitor.Worst = length > monitor.Worst ? length : monitor.Worst;
            monitor.Gaps++;
        }

        private void EndWait(Guid jobId, DateTimeOffset at)
        {
            if (_pending.Remove(jobId, out var wait) && at > _from && at <= _to)
            {
                Record(at - wait.Since, wait.Kind);
            }
        }

        private void Record(TimeSpan wait, RunbookKind kind)
        {
            _waits.Add(wait);
            if (kind == RunbookKind.Ordinary)
            {
                _ordinaryWaits.Add(wait);
            }
        }

        private ServerView Server(string name)
        {
            if (!_servers.TryGetValue(name, out var server))
            {
                _servers[name] = server = new ServerView { Online = true, EffectiveMaxJobs = MaxJobsLimits.Default };
            }

            return server;
        }

        private static QueueWaitStats Stats(List<TimeSpan> waits)
        {
            if (waits.Count == 0)
            {
                return QueueWaitStats.Empty;
            }

            var total = TimeSpan.FromTicks(waits.Sum(w => w.Ticks));
            return new QueueWaitStats(waits.Count, total, TimeSpan.FromTicks(total.Ticks / waits.Count), waits.Max());
        }

        private static void Count(Dictionary<string, int> counts, string key) =>
            counts[key] = counts.TryGetValue(key, out var n) ? n + 1 : 1;
    }

    private sealed record RunningJob(string Server, RunbookKind Kind, string RunbookPath);

    private sealed class ServerView
    {
        public bool Online { get; set; }

        public int EffectiveMaxJobs { get; set; }

        public int WaitJobsRunning { get; set; }

        public int Running { get; set; }
    }

    private sealed class MonitorView
    {
        public int Running { get; set; }

        public DateTimeOffset? GapStart { get; set; }

        public TimeSpan Total { get; set; }

        public TimeSpan Worst { get; set; }

        public int Gaps { get; set; }
    }
}
