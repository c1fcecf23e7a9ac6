using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using OrchPatch.Core.Maintenance;
using OrchPatch.Simulator;

namespace OrchPatch.Lab;

/// <summary>One target of the benchmark and whether a run meets it.</summary>
/// <param name="Figure">What is measured.</param>
/// <param name="Target">The target, as text ("&lt;= +5s").</param>
/// <param name="Value">The measured value, as text.</param>
/// <param name="Met">Whether it is met.</param>
public sealed record TargetCheck(string Figure, string Target, string Value, bool Met);

/// <summary>The numbers to reach (issues 9 and 16): drain within one engine poll of its lower bound; no ordinary job
/// interrupted; each monitor gap within two polls of the simulated Runbook Service; at least one server accepting work
/// at every moment; at most 1.2 web-service requests per poll interval per drained server while waiting (one counted
/// request a poll, and the listings, the wait job's reads and the reads by id of ended jobs within a fifth more).</summary>
public static class BenchTargets
{
    /// <summary>The most web-service requests per poll interval per drained server while it waits.</summary>
    public const double MaxRequestsPerPoll = 1.2;

    /// <summary>The target figures' names, in the order <see cref="Check"/> returns them.</summary>
    public static IReadOnlyList<string> Figures { get; } = new[] { "drain over lower bound (worst)", "jobs interrupted", "monitor gap (worst)", "fewest servers accepting", "requests / poll / drained server" };

    /// <summary>Checks a run against every target.</summary>
    /// <param name="report">The run.</param>
    /// <returns>One check per target, in the order of <see cref="Figures"/>.</returns>
    public static IReadOnlyList<TargetCheck> Check(MaintenanceReport report)
    {
        if (report is null)
        {
            throw new ArgumentNullException(nameof(report));
        }

        var over = report.Servers.Select(s => s.DrainTime - s.LowerBound).DefaultIfEmpty(TimeSpan.Zero).Max();
        var gapLimit = report.RunbookServicePollInterval * 2;
        var perPoll = report.RequestsPerPollWhileWaiting;
        return new[]
        {
            new TargetCheck(Figures[0], "<= +" + Short(report.EnginePollInterval) + " (one poll)", (over < TimeSpan.Zero ? "-" : "+") + Short(over.Duration()), over <= report.EnginePollInterval),
            new TargetCheck(Figures[1], "0", report.JobsInterrupted.ToString(CultureInfo.InvariantCulture), report.JobsInterrupted == 0),
            new TargetCheck(Figures[2], "<= " + Short(gapLimit) + " (two polls)", Short(report.MonitorGapWorst), report.MonitorGapWorst <= gapLimit),
            new TargetCheck(Figures[3], ">= 1", report.FewestServersAcceptingWork.ToString(CultureInfo.InvariantCulture), report.FewestServersAcceptingWork >= 1),
            new TargetCheck(Figures[4], "<= " + MaxRequestsPerPoll.ToString("0.##", CultureInfo.InvariantCulture), perPoll.ToString("0.##", CultureInfo.InvariantCulture), perPoll <= MaxRequestsPerPoll),
        };
    }

    /// <summary>Durations for tables, without a sign: the engine's one format (<see cref="Durations.Format"/>), so a
    /// bench table and a drain's own messages write the same duration the same way.</summary>
    /// <param name="value">The duration.</param>
    /// <returns>The text, for example 45s, 14m05s, 2h05m.</returns>
    public static string Short(TimeSpan value) => Durations.Format(value.Duration());
}
