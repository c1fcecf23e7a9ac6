using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using OrchPatch.Core.Throttle;
using OrchPatch.Simulator;
using OrchPatch.Simulator.Scenarios;

namespace OrchPatch.Lab;

/// <summary>
/// The benchmark's farm: N interchangeable runbook servers, the Wait Runbook and the Canary, two monitors, and random
/// work at a given rate in three sizes (short 10 s-2 m, half of the jobs; medium 2-10 m, 30 %; long 10-25 m, 20 %, in two runbooks so
/// a runbook's concurrency limit of 1,000 never queues them).
/// Mean run time is about 5.9 minutes, so by Little's law R jobs an hour keep about R / 10 jobs running. The longest
/// job is shorter than the engine's default deadline (30 minutes), so the engine's defaults can drain every server.
/// </summary>
public static class LabWorkload
{
    /// <summary>The mean run time of the mix, for sizing.</summary>
    public static readonly TimeSpan MeanRunTime = TimeSpan.FromSeconds((0.5 * 65) + (0.3 * 360) + (0.2 * 1050));

    /// <summary>The default rate: about 24 jobs running, 8 per server of 3.</summary>
    public const double DefaultJobsPerHour = 240;

    /// <summary>The default number of servers.</summary>
    public const int DefaultServers = 3;

    /// <summary>The default seed.</summary>
    public const int DefaultSeed = 20261125;

    /// <summary>Builds the farm.</summary>
    /// <param name="servers">How many runbook servers (2 to 100).</param>
    /// <param name="jobsPerHour">How many ordinary jobs arrive an hour (1 to 1,000,000).</param>
    /// <param name="seed">The seed of every random draw.</param>
    /// <returns>The scenario.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public static Scenario Create(int servers = DefaultServers, double jobsPerHour = DefaultJobsPerHour, int seed = DefaultSeed)
    {
        if (servers < 2 || servers > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(servers), servers, "The farm needs 2 to 100 runbook servers.");
        }

        if (double.IsNaN(jobsPerHour) || jobsPerHour < 1 || jobsPerHour > 1_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(jobsPerHour), jobsPerHour, "The rate must be 1 to 1,000,000 jobs an hour.");
        }

        return new Scenario
        {
            Name = string.Create(CultureInfo.InvariantCulture, $"lab-{servers}x{jobsPerHour:0}"),
            Seed = seed,
            Servers = Enumerable.Range(1, servers).Select(i => new ServerSpec(ServerName(i)) { MaxJobs = MaxJobsFor(servers, jobsPerHour) }).ToArray(),
            Runbooks = new[]
            {
                StandardRunbooks.WaitRunbook,
                StandardRunbooks.Canary,
                StandardRunbooks.Monitor(@"\Monitoring\Event Log Watcher", TimeSpan.FromMinutes(5)),
                StandardRunbooks.Monitor(@"\Monitoring\Service Health", TimeSpan.FromMinutes(2)),
                Ordinary(@"\Operations\Short Task", TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(2)),
                Ordinary(@"\Operations\Medium Task", TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10)),
                Ordinary(@"\Operations\Long Task", TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(25)),
                Ordinary(@"\Reports\Long Report", TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(25)),
            },
            Arrivals = new[]
            {
                new ArrivalSpec(@"\Operations\Short Task", jobsPerHour * 0.5),
                new ArrivalSpec(@"\Operations\Medium Task", jobsPerHour * 0.3),
                new ArrivalSpec(@"\Operations\Long Task", jobsPerHour * 0.1),
                new ArrivalSpec(@"\Reports\Long Report", jobsPerHour * 0.1),
            },
            InitialJobs = new[] { new InitialJobSpec(@"\Monitoring\Event Log Watcher"), new InitialJobSpec(@"\Monitoring\Service Health") },
        };
    }

    /// <summary>The expected number of ordinary jobs running at once (Little's law).</summary>
    /// <param name="jobsPerHour">The rate.</param>
    /// <returns>The mean load.</returns>
    public static double ExpectedRunning(double jobsPerHour) => jobsPerHour * MeanRunTime.TotalHours;

    /// <summary>The rate that keeps <paramref name="running"/> jobs running on average.</summary>
    /// <param name="running">The load.</param>
    /// <returns>Jobs an hour.</returns>
    public static double RateFor(double running) => running / MeanRunTime.TotalHours;

    private static string ServerName(int i) => "RB" + i.ToString("00", CultureInfo.InvariantCulture);

    /// <summary>Room for the whole load, with margin, on all servers but the one drained; never below Orchestrator's 50.</summary>
    private static int MaxJobsFor(int servers, double jobsPerHour) =>
        (int)Math.Clamp(Math.Ceiling(ExpectedRunning(jobsPerHour) * 2 / (servers - 1)), ThrottleLimits.DefaultMaxJobs, ThrottleLimits.MaxMaxJobs);

    private static RunbookSpec Ordinary(string path, TimeSpan min, TimeSpan max) => new(path)
    {
        Duration = DurationDistribution.Uniform(min, max),
        Concurrency = 1000,
    };
}
