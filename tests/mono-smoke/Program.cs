using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using OrchPatch.Activities;
using OrchPatch.TestSupport.Activities;

namespace OrchPatch.MonoSmoke;

/// <summary>
/// Drives the net472 activities under Mono against a simulator in another process: Drain Runbook Server, then
/// Restore Runbook Server, through the same harness the net10.0 activity tests use, with the aspt.exe throttle (a
/// stand-in script that sets max jobs through the simulator's control endpoint). Checks the published data and the
/// farm as the simulator sees it, and that nothing but the shipped assemblies was loaded from the application folder.
/// Exit code 0 when every check passed.
/// </summary>
internal static class Program
{
    private static readonly List<string> Failures = new();

    private static int Main(string[] args)
    {
        if (args.Length != 3)
        {
            Console.Error.WriteLine("usage: OrchPatch.MonoSmoke.exe SIMULATOR_BASE_URL ASPT_STANDIN SERVER   (e.g. http://127.0.0.1:5071/ /tmp/aspt.exe RB01)");
            return 2;
        }

        var baseUrl = args[0].TrimEnd('/') + "/";
        var asptPath = args[1];
        var server = args[2];
        var mono = Type.GetType("Mono.Runtime")?.GetMethod("GetDisplayName", BindingFlags.NonPublic | BindingFlags.Static)?.Invoke(null, null);
        Console.WriteLine($"runtime: {(mono is null ? ".NET Framework " + Environment.Version : "Mono " + mono)}");
        Console.WriteLine($"activities: {typeof(DrainRunbookServerActivity).Assembly.Location} ({typeof(DrainRunbookServerActivity).Assembly.ImageRuntimeVersion})");

        using var control = new HttpClient { BaseAddress = new Uri(baseUrl + "_simulator/"), Timeout = TimeSpan.FromSeconds(30) };
        var connection = new Dictionary<string, object?>
        {
            [ConnectionNames.WebServiceUrl] = baseUrl + "Orchestrator2012/Orchestrator.svc/",
            [ConnectionNames.ThrottleMethod] = ConnectionNames.ThrottleAspt,
            [ConnectionNames.AsptPath] = asptPath,
        };

        var before = MaxJobs(control, server);
        Check(before == 50, $"{server} starts at max jobs 50 (reads {before})");

        var drain = ActivityHarness.Run(typeof(DrainRunbookServerActivity), new Dictionary<string, object?> { ["Runbook Server"] = server, ["Deadline (minutes)"] = "5" }, connection);
        Console.WriteLine($"drain: {drain.Outcome} {drain.Message}");
        Console.WriteLine("  " + drain.AllText().Replace("\n", "\n  "));
        Check(drain.Outcome == ActivityOutcome.Success, "the drain succeeds");
        var waitJobId = drain.Outcome == ActivityOutcome.Success ? (string)drain["Wait Job ID"]! : string.Empty;
        if (drain.Outcome == ActivityOutcome.Success)
        {
            Check(Equals(drain["Previous Max Jobs"], 50), "the drain publishes Previous Max Jobs 50");
            Check(Equals(drain["Monitors Relocated"], 1), "the drain moved the monitor");
            Check(Equals(drain["Jobs Completed During Drain"], 1), "the drain waited for the running backup to finish");
            Check(Guid.TryParse(waitJobId, out _), "the drain publishes the wait job's id");
            Check(MaxJobs(control, server) == 1, $"{server} is at max jobs 1 while drained");
            Check(JobStatus(control, waitJobId) == "Running", "the wait job runs");
        }

        var restore = ActivityHarness.Run(typeof(RestoreRunbookServerActivity), new Dictionary<string, object?> { ["Runbook Server"] = server }, connection);
        Console.WriteLine($"restore: {restore.Outcome} {restore.Message}");
        Console.WriteLine("  " + restore.AllText().Replace("\n", "\n  "));
        Check(restore.Outcome == ActivityOutcome.Success, "the restore succeeds");
        if (restore.Outcome == ActivityOutcome.Success)
        {
            Check(Equals(restore["Max Jobs Restored"], 50), "the restore publishes Max Jobs Restored 50");
        }

        Check(MaxJobs(control, server) == 50, $"{server} is back at max jobs 50");
        if (waitJobId.Length > 0)
        {
            Check(JobStatus(control, waitJobId) == "Canceled", "the wait job is canceled");
        }

        var unknown = ActivityHarness.Run(typeof(DrainRunbookServerActivity), new Dictionary<string, object?> { ["Runbook Server"] = "RB99" }, connection);
        Console.WriteLine($"drain RB99: {unknown.Outcome} {unknown.Message}");
        Check(unknown.Outcome == ActivityOutcome.Failed && (unknown.Message ?? string.Empty).Contains("'RB99' is unknown"), "a drain of an unknown server fails, naming it");

        CheckDatabaseThrottleWithNothingListening();
        CheckLoadedAssemblies();
        Console.WriteLine(Failures.Count == 0 ? "MONO SMOKE PASSED" : $"MONO SMOKE FAILED: {Failures.Count} check(s)");
        return Failures.Count == 0 ? 0 : 1;
    }

    /// <summary>The net472 database throttle goes through System.Data.SqlClient (the .NET Framework's, Mono's here):
    /// against a loopback port where nothing listens, a plain connection error naming the data source, never the
    /// password (issue 13).</summary>
    private static void CheckDatabaseThrottleWithNothingListening()
    {
        const string secret = "Sm0ke-Pa55;word";
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var throttle = OrchPatch.Core.Throttle.DatabaseThrottle.ForSqlServer($"Data Source=127.0.0.1,{port};Initial Catalog=Orchestrator;User ID=orchpatch;Password=\"{secret}\";Connect Timeout=3");
        string message;
        try
        {
            throttle.GetMaxJobsAsync("RB01").GetAwaiter().GetResult();
            message = "(no error)";
        }
        catch (OrchPatch.Core.Throttle.ThrottleException ex)
        {
            message = ex.Message;
            Check(!ex.ToString().Contains(secret) && !ex.ToString().Contains("Sm0ke-Pa55"), "the database error carries no password, inner exceptions included");
        }
        catch (Exception ex)
        {
            message = "(not a throttle error) " + ex.GetType().Name + ": " + ex.Message;
        }

        Console.WriteLine($"database throttle, nothing on 127.0.0.1,{port}: {message}");
        Check(message.StartsWith("could not read max jobs of RB01 in the Orchestrator database (", StringComparison.Ordinal) && message.Contains($"127.0.0.1,{port}"), "System.Data.SqlClient with nothing listening: a connection error naming the data source");
        Check(!message.Contains(secret) && !message.Contains("Sm0ke-Pa55"), "the database error names no password");
    }

    /// <summary>Only the shipped set (and the SDK Orchestrator provides, and this driver) may come from the
    /// application folder: any other DLL there would be one PolicyModule.exe might fail to load.</summary>
    private static void CheckLoadedAssemblies()
    {
        var folder = Path.GetFullPath(AppDomain.CurrentDomain.BaseDirectory);
        var allowed = new[] { "OrchPatch.Activities", "OrchPatch.Core", "Polly", "Microsoft.SystemCenter.Orchestrator.Integration", "OrchPatch.MonoSmoke" };
        var local = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => !a.IsDynamic && a.Location.Length > 0 && Path.GetFullPath(a.Location).StartsWith(folder, StringComparison.Ordinal))
            .Select(a => a.GetName())
            .ToArray();
        Console.WriteLine("loaded from the application folder: " + string.Join(", ", local.Select(n => $"{n.Name} {n.Version}")));
        var extra = local.Where(n => !allowed.Contains(n.Name)).Select(n => n.Name).ToArray();
        Check(extra.Length == 0, "nothing but the shipped assemblies was loaded from the application folder" + (extra.Length > 0 ? ": " + string.Join(", ", extra) : string.Empty));
        Check(local.Any(n => n.Name == "Polly" && n.Version.Major == 7), "Polly 7 (the net472 dependency) was loaded");
    }

    private static int MaxJobs(HttpClient control, string server)
    {
        var json = Get(control, $"servers/{server}/maxjobs");
        var match = Regex.Match(json, "\"maxJobs\"\\s*:\\s*(\\d+)");
        return match.Success ? int.Parse(match.Groups[1].Value) : -1;
    }

    private static string JobStatus(HttpClient control, string jobId)
    {
        var json = Get(control, $"jobs/{jobId}");
        var match = Regex.Match(json, "\"status\"\\s*:\\s*\"?(\\w+)", RegexOptions.IgnoreCase);
        return match.Success ? match.Groups[1].Value : "(unknown: " + json + ")";
    }

    private static string Get(HttpClient control, string path)
    {
        using var response = control.GetAsync(path).GetAwaiter().GetResult();
        var body = Encoding.UTF8.GetString(response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult());
        return response.IsSuccessStatusCode ? body : $"HTTP {(int)response.StatusCode}: {body}";
    }

    private static void Check(bool ok, string what)
    {
        Console.WriteLine((ok ? "  ok   " : "  FAIL ") + what);
        if (!ok)
        {
            Failures.Add(what);
        }
    }
}
