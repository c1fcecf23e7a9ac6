using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using OrchPatch.Cli.Infrastructure;
using OrchPatch.Cli.Reports;
using OrchPatch.Core.Maintenance;
using OrchPatch.Lab;
using OrchPatch.Simulator.Scenarios;

namespace OrchPatch.Cli.Commands;

/// <summary>`orchpatch demo`: the built-in simulated farm, work arriving, a rolling patch of every server by the
/// engine with its default options, in simulated time; then the summary the README shows.</summary>
internal sealed class DemoCommand : ICommand
{
    private static readonly OptionSpec Report = OptionSpec.Value("report", "FILE.html", "also write the summary and a timeline picture as one self-contained HTML page");
    private static readonly OptionSpec Seed = OptionSpec.Value("seed", "N", "the workload's seed (default: the built-in scenario's)");
    private static readonly OptionSpec Servers = OptionSpec.Value("servers", "N", "how many runbook servers, 3 to 20 (default 3)");
    private static readonly OptionSpec Quiet = OptionSpec.Flag("quiet", "print only the summary, not the progress lines");

    private static readonly Regex JobIds = new(@" \(job [0-9a-fA-F-]{36}( -> [0-9a-fA-F-]{36})?\)", RegexOptions.CultureInvariant);

    public string Name => "demo";

    public string Summary => "Run a rolling patch of a simulated Orchestrator farm under load, in simulated time, and show the result.";

    public string Usage => "orchpatch demo [--report FILE.html] [--seed N] [--servers N] [--quiet] [--json]";

    public IReadOnlyList<string> Examples { get; } = new[] { "orchpatch demo", "orchpatch demo --report demo.html" };

    public IReadOnlyList<OptionSpec> Options { get; } = new[] { Report, Seed, Servers, Quiet, CommonOptions.Json };

    public async Task<int> RunAsync(ParsedArguments arguments, CommandContext context)
    {
        if (arguments.Positionals.Count > 0)
        {
            throw new UsageException($"demo takes no positional arguments; got {string.Join(", ", arguments.Positionals)}.");
        }

        var scenario = DemoScenario(arguments.Int(Seed.Name, 0, int.MaxValue), arguments.Int(Servers.Name, 3, 20));
        var reportFile = arguments.Value(Report.Name);
        var reportPath = reportFile is null ? null : CheckWritable(reportFile);
        var json = arguments.Flag(CommonOptions.Json.Name);
        var quiet = json || arguments.Flag(Quiet.Name);
        var output = context.Output;

        if (!quiet)
        {
            output.WriteLine($"orchpatch demo: a simulated farm of {scenario.Servers.Count} runbook servers ({string.Join(", ", scenario.Servers.Select(s => s.Name))}), two monitors and work arriving all the time.");
            output.WriteLine("After an hour of warm-up the engine patches every server with its default options: drain, reboot (3m), health gate (canary), restore.");
            output.WriteLine("Simulated time runs as fast as the computer allows; the times below are simulated.");
            output.WriteLine();
        }

        var watch = Stopwatch.StartNew();
        // The timeline's bars are the report's picture and --json's jobBars: collected for either (issue 17: --json
        // once printed an empty list, the bars collected only for --report).
        var options = new LabOptions { CollectJobBars = reportPath is not null || json, OnProgress = quiet ? null : e => Print(output, e) };
        var report = await Task.Run(() => MaintenanceRun.Run(scenario, new EngineProcedure(), options, context.CancellationToken), context.CancellationToken).ConfigureAwait(false);
        watch.Stop();

        var expectations = DemoExpectations.Check(report);
        var code = expectations.Count == 0 ? ExitCodes.Success : ExitCodes.Failed;
        var summary = SummaryLine(report, expectations);
        if (reportPath is not null)
        {
            File.WriteAllText(reportPath, HtmlTimelineReport.Render(report, scenario.Name, summary));
        }

        if (json)
        {
            JsonOutput.Write(output, Name, code, code == ExitCodes.Success ? "as-expected" : "unexpected", summary, Array.Empty<string>(), report, t => CliApplication.Scrub(t, context));
            return code;
        }

        if (!quiet)
        {
            output.WriteLine();
        }

        WriteTable(output, report);
        output.WriteLine();
        output.WriteLine(summary);
        output.WriteLine($"Simulated {Durations.Format(report.Window)} of maintenance ({Durations.Format(report.Window + options.WarmUp)} with the warm-up) in {watch.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s of real time.");
        if (reportPath is not null)
        {
            output.WriteLine($"Report: {reportPath}");
        }

        return code;
    }

    /// <summary>The built-in scenario, with another seed or more servers when asked.</summary>
    internal static Scenario DemoScenario(int? seed, int? servers)
    {
        var scenario = Scenario.Default;
        if (seed is { } s)
        {
            scenario = scenario with { Seed = s };
        }

        if (servers is { } n && n != scenario.Servers.Count)
        {
            scenario = scenario with { Servers = Enumerable.Range(1, n).Select(i => new ServerSpec("RB" + i.ToString("00", CultureInfo.InvariantCulture))).ToArray() };
        }

        return scenario;
    }

    private static string CheckWritable(string file)
    {
        var full = Path.GetFullPath(file);
        var directory = Path.GetDirectoryName(full);
        if (directory is null || !Directory.Exists(directory))
        {
            throw new UsageException($"--report: the folder of '{file}' does not exist.");
        }

        return full;
    }

    /// <summary>One line per server event as it happens; job ids and "queued" lines are left out, as noise in a demo.</summary>
    private static void Print(TextWriter output, MaintenanceEvent e)
    {
        var shown = e.Kind is MaintenanceEventKind.JobFinished or MaintenanceEventKind.JobRelocated or MaintenanceEventKind.JobCanceled or MaintenanceEventKind.Warning
            || (e.Kind == MaintenanceEventKind.ServerPhase && e.Phase != ServerPhase.Waiting);
        if (shown)
        {
            var message = JobIds.Replace(e.Message, string.Empty);
            output.WriteLine(e.Time.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + "  " + e.Server + "  " + (e.Kind == MaintenanceEventKind.Warning ? "warning: " : string.Empty) + message);
            output.Flush();
        }
    }

    private static void WriteTable(TextWriter output, MaintenanceReport report)
    {
        var table = new TextTable("SERVER", "DRAIN", "LOWER BOUND", "FINISHED IN DRAIN", "MONITORS MOVED", "MONITOR GAP", "INTERRUPTED", "PATCHED");
        foreach (var s in report.Servers)
        {
            table.Add(s.Server, Durations.Format(s.DrainTime), Durations.Format(s.LowerBound), s.JobsFinishedDuringDrain, s.MonitorsMoved,
                s.MonitorsMoved > 0 ? Durations.Format(s.WorstMonitorGap) : "-", s.JobsInterrupted, s.Patched ? "yes" : "no");
        }

        table.Write(output);
    }

    private static string SummaryLine(MaintenanceReport report, IReadOnlyList<string> unmet)
    {
        var farm = $"Farm: {report.Servers.Count(s => s.Patched)} of {report.Servers.Count} servers patched in a {Durations.Format(report.Window)} window (lower bounds add up to {Durations.Format(report.LowerBoundTotal)}); "
            + $"{report.JobsInterrupted} jobs interrupted (expected 0); fewest servers accepting work: {report.FewestServersAcceptingWork} (expected at least 1); "
            + $"worst monitor gap {Durations.Format(report.MonitorGapWorst)}.";
        return unmet.Count == 0 ? farm : farm + " NOT AS EXPECTED: " + string.Join("; ", unmet) + ".";
    }
}

/// <summary>What the demo promises: every server patched, no work lost, always a server taking work.</summary>
internal static class DemoExpectations
{
    public static IReadOnlyList<string> Check(MaintenanceReport report)
    {
        var unmet = new List<string>();
        if (!report.Succeeded)
        {
            unmet.Add("not every server was patched" + (report.Error.Length > 0 ? ": " + report.Error : string.Empty));
        }

        if (report.JobsInterrupted != 0)
        {
            unmet.Add($"{report.JobsInterrupted} jobs were interrupted");
        }

        if (report.FewestServersAcceptingWork < 1)
        {
            unmet.Add("at some moment no server accepted work");
        }

        return unmet;
    }
}
