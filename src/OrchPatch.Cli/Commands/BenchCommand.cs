using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using OrchPatch.Cli.Infrastructure;
using OrchPatch.Lab;
using OrchPatch.Simulator.Scenarios;

namespace OrchPatch.Cli.Commands;

/// <summary>`orchpatch bench`: the seed's procedure for X = 10s, 60s, 5m, 15m against the engine's rolling patch, on
/// the same seeded farm and workload, in simulated time; each figure printed next to its target. `--sweep` shows how
/// the engine's cost grows with servers and running jobs.</summary>
internal sealed class BenchCommand : ICommand
{
    private static readonly OptionSpec Servers = OptionSpec.Value("servers", "N", $"runbook servers, 2 to 100 (default {LabWorkload.DefaultServers})");
    private static readonly OptionSpec Rate = OptionSpec.Value("jobs-per-hour", "R", $"ordinary jobs arriving per hour, 1 to 1000000 (default {LabWorkload.DefaultJobsPerHour:0}: about {LabWorkload.ExpectedRunning(LabWorkload.DefaultJobsPerHour):0} running)");
    private static readonly OptionSpec Seed = OptionSpec.Value("seed", "S", $"the workload's seed (default {LabWorkload.DefaultSeed})");
    private static readonly OptionSpec MaxUnavailable = OptionSpec.Value("max-unavailable", "N", $"the engine drains up to N servers at once, 1 to {StandardRunbooks.WaitRunbook.Concurrency} (the lab's Wait Runbook Job Concurrency; default 1)");
    private static readonly OptionSpec Sweep = OptionSpec.Flag("sweep", $"instead: the engine alone on farms of {string.Join(", ", ScaleSweep.ServerCounts)} servers with {string.Join(", ", ScaleSweep.Loads)} running jobs (takes a minute or two)");

    public string Name => "bench";

    public string Summary => "Benchmark the rolling patch against the seed's wait-X-then-restart procedure, in simulated time.";

    public string Usage => "orchpatch bench [--servers N] [--jobs-per-hour R] [--seed S] [--max-unavailable N] [--sweep]";

    public IReadOnlyList<string> Examples { get; } = new[] { "orchpatch bench", "orchpatch bench --servers 6 --jobs-per-hour 1200 --max-unavailable 10", "orchpatch bench --servers 5 --jobs-per-hour 600 --seed 7 --json", "orchpatch bench --sweep" };

    public IReadOnlyList<OptionSpec> Options { get; } = new[] { Servers, Rate, Seed, MaxUnavailable, Sweep, CommonOptions.Json };

    public Task<int> RunAsync(ParsedArguments arguments, CommandContext context)
    {
        if (arguments.Positionals.Count > 0)
        {
            throw new UsageException($"bench takes no positional arguments; got {string.Join(", ", arguments.Positionals)}.");
        }

        var servers = arguments.Int(Servers.Name, 2, 100) ?? LabWorkload.DefaultServers;
        var rate = arguments.Double(Rate.Name, 1, 1_000_000) ?? LabWorkload.DefaultJobsPerHour;
        var seed = arguments.Int(Seed.Name, 0, int.MaxValue) ?? LabWorkload.DefaultSeed;
        var json = arguments.Flag(CommonOptions.Json.Name);
        var maxUnavailable = arguments.Int(MaxUnavailable.Name, 1, StandardRunbooks.WaitRunbook.Concurrency) ?? 1;
        if (arguments.Flag(Sweep.Name))
        {
            if (arguments.Has(Servers.Name) || arguments.Has(Rate.Name) || arguments.Has(MaxUnavailable.Name))
            {
                throw new UsageException("--sweep chooses its own servers and loads, one server at a time; leave out --servers, --jobs-per-hour and --max-unavailable.");
            }

            return Task.Run(() => RunSweep(context, seed, json), context.CancellationToken);
        }

        return Task.Run(() => RunComparison(context, servers, rate, seed, maxUnavailable, json), context.CancellationToken);
    }

    private int RunComparison(CommandContext context, int servers, double rate, int seed, int maxUnavailable, bool json)
    {
        var scenario = LabWorkload.Create(servers, rate, seed);
        var progress = json ? context.Error : context.Output;
        progress.WriteLine($"orchpatch bench: {servers} runbook servers, {rate.ToString("0.#", CultureInfo.InvariantCulture)} jobs an hour (about {LabWorkload.ExpectedRunning(rate).ToString("0", CultureInfo.InvariantCulture)} running; short 10s-2m, medium 2-10m, long 10-25m), two monitors, seed {seed}.");
        progress.WriteLine("Each procedure patches every server of the same farm after a 1h warm-up (reboot 3m, restore with the canary), in simulated time.");
        var result = Benchmark.Run(scenario, Benchmark.Procedures(maxUnavailable), cancellationToken: context.CancellationToken, onRow: r => progress.WriteLine($"  {r.Strategy}: window {BenchTargets.Short(r.Window)} ({r.RealTime.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s real)"));
        var engine = result.Rows.Single(r => r.Report.Strategy == EngineProcedure.ProcedureName);
        // A benchmark reports what it measured; it fails only when a procedure could not patch the farm at all.
        var unfinished = result.Rows.Where(r => !r.Report.Succeeded).ToList();
        var code = unfinished.Count == 0 ? ExitCodes.Success : ExitCodes.Failed;
        var summary = (engine.MeetsTargets
            ? "orchpatch meets every target."
            : "orchpatch misses: " + string.Join("; ", BenchTargets.Check(engine.Report).Where(t => !t.Met).Select(t => $"{t.Figure} {t.Value} (target {t.Target})")) + ".")
            + string.Concat(unfinished.Select(r => $" {r.Report.Strategy} did not patch every server: {r.Report.Error}"));
        if (json)
        {
            var document = new
            {
                servers,
                jobsPerHour = rate,
                seed,
                rows = result.Rows.Select(r => new { report = r.Report, queueWaitAdded = r.QueueWaitAdded, targets = BenchTargets.Check(r.Report) }),
            };
            JsonOutput.Write(context.Output, Name, code, engine.MeetsTargets ? "targets-met" : "targets-missed", summary, Array.Empty<string>(), document, t => CliApplication.Scrub(t, context));
            return code;
        }

        var output = context.Output;
        output.WriteLine();
        WriteComparison(output, result);
        output.WriteLine();
        WritePerServer(output, result);
        output.WriteLine();
        output.WriteLine(summary);
        return code;
    }

    private static void WriteComparison(TextWriter output, BenchResult result)
    {
        var rows = result.Rows;
        var headers = new[] { "FIGURE", "TARGET" }.Concat(rows.Select(r => r.Report.Strategy)).ToArray();
        var table = new TextTable(headers);
        void Line(string figure, string target, Func<BenchRow, string> value) => table.Add(new object[] { figure, target }.Concat(rows.Select(value)).ToArray());
        var checks = rows.Select(r => BenchTargets.Check(r.Report)).ToList();
        void Target(int index) => table.Add(new object[] { checks[0][index].Figure, checks[0][index].Target }
            .Concat(checks.Select(c => c[index].Value + (c[index].Met ? " ok" : " MISS"))).ToArray());

        Line("maintenance window", "-", r => BenchTargets.Short(r.Report.Window));
        Line("window with perfect knowledge", "-", r => BenchTargets.Short(r.Report.WindowWithPerfectKnowledge));
        Line("sum of drain lower bounds", "-", r => BenchTargets.Short(r.Report.LowerBoundTotal));
        Line("sum of drain times", "-", r => BenchTargets.Short(TimeSpan.FromTicks(r.Report.Servers.Sum(s => s.DrainTime.Ticks))));
        Line("drain / lower bound (worst)", "-", r => Ratio(r.Report));
        Target(0);
        Target(1);
        Line("jobs restarted", "-", r => r.Report.JobsRestarted.ToString(CultureInfo.InvariantCulture));
        Line("monitor gap (total)", "-", r => BenchTargets.Short(r.Report.MonitorGapTotal));
        Target(2);
        Line("queue wait added (ordinary)", "-", r => (r.QueueWaitAdded < TimeSpan.Zero ? "-" : string.Empty) + BenchTargets.Short(r.QueueWaitAdded));
        Target(3);
        Line("servers drained at once (most)", "-", r => r.Report.MostServersOutOfService.ToString(CultureInfo.InvariantCulture));
        Line("web-service requests", "-", r => r.Report.Requests.ToString(CultureInfo.InvariantCulture));
        Target(4);
        Line("servers patched", "all", r => $"{r.Report.Servers.Count(s => s.Patched)}/{result.Scenario.Servers.Count}");
        table.Write(output);
    }

    private static void WritePerServer(TextWriter output, BenchResult result)
    {
        var table = new TextTable(new[] { "DRAIN / LOWER BOUND (RATIO)" }.Concat(result.Rows.Select(r => r.Report.Strategy)).ToArray());
        foreach (var server in result.Scenario.Servers.Select(s => s.Name))
        {
            table.Add(new object[] { server }.Concat(result.Rows.Select(r => r.Report.Servers.FirstOrDefault(s => s.Server == server) is { } s
                ? $"{BenchTargets.Short(s.DrainTime)} / {BenchTargets.Short(s.LowerBound)} ({(s.Ratio is { } x ? x.ToString("0.00", CultureInfo.InvariantCulture) : "-")})"
                : "-")).ToArray());
        }

        table.Write(output);
    }

    private static string Ratio(MaintenanceReport report) =>
        report.Servers.Select(s => s.Ratio).Where(r => r is not null).Select(r => r!.Value).DefaultIfEmpty(double.NaN).Max() is var worst && !double.IsNaN(worst)
            ? worst.ToString("0.00", CultureInfo.InvariantCulture)
            : "-";

    private int RunSweep(CommandContext context, int seed, bool json)
    {
        var progress = json ? context.Error : context.Output;
        progress.WriteLine($"orchpatch bench --sweep: the engine's rolling patch on farms of {string.Join(", ", ScaleSweep.ServerCounts)} servers with {string.Join(", ", ScaleSweep.Loads)} running jobs (where the other servers can hold them), seed {seed}.");
        progress.WriteLine("Engine CPU = the run's processor time minus that of the same farm left alone over the same window: the engine, its client and the simulator answering its requests.");
        var table = new TextTable("SERVERS", "RUNNING (MEAN)", "PEAK", "WINDOW", "REQUESTS", "REQ/SERVER", "REQ/POLL/SERVER", "RUN CPU", "SIMULATOR CPU", "ENGINE CPU", "ENGINE CPU / SIM HOUR", "PATCHED");
        var points = ScaleSweep.Run(seed: seed, cancellationToken: context.CancellationToken, onPoint: p => progress.WriteLine($"  {p.Servers} servers, {p.TargetRunning} running: window {BenchTargets.Short(p.Report.Window)}, {p.Report.RealTime.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s real"));
        foreach (var p in points)
        {
            table.Add(p.Servers, p.TargetRunning, p.Report.PeakRunningJobs, BenchTargets.Short(p.Report.Window), p.Report.Requests, p.RequestsPerServer.ToString("0", CultureInfo.InvariantCulture),
                p.Report.RequestsPerPollWhileWaiting.ToString("0.##", CultureInfo.InvariantCulture), Seconds(p.Report.CpuTime), Seconds(p.BaselineCpu), Seconds(p.EngineCpu), Seconds(p.EngineCpuPerSimulatedHour),
                $"{p.Report.Servers.Count(s => s.Patched)}/{p.Servers}");
        }

        var ok = points.All(p => p.Report.Succeeded);
        var summary = ok ? "Every farm was patched." : "Some farms were not fully patched: " + string.Join("; ", points.Where(p => !p.Report.Succeeded).Select(p => $"{p.Servers} servers/{p.TargetRunning} jobs: {p.Report.Error}"));
        if (json)
        {
            JsonOutput.Write(context.Output, Name, ok ? ExitCodes.Success : ExitCodes.Failed, ok ? "done" : "failed", summary, Array.Empty<string>(), points.Select(p => new { p.Servers, TargetRunningJobs = p.TargetRunning, p.Report, p.BaselineCpu, p.EngineCpu, p.EngineCpuPerSimulatedHour }), t => CliApplication.Scrub(t, context));
        }
        else
        {
            context.Output.WriteLine();
            table.Write(context.Output);
            context.Output.WriteLine();
            context.Output.WriteLine(summary);
        }

        return ok ? ExitCodes.Success : ExitCodes.Failed;
    }

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + "s";
}
