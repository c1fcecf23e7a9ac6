using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace OrchPatch.Simulator.Scenarios;

/// <summary>A simulated Orchestrator farm and its workload: runbook servers, published runbooks, random arrivals
/// and the jobs that exist at time zero. Immutable; build one in code, load one from JSON (<see cref="Load"/>,
/// <see cref="Parse"/>) or take the built-in <see cref="Default"/>.</summary>
public sealed record Scenario
{
    /// <summary>A name for reports.</summary>
    public string Name { get; init; } = "custom";

    /// <summary>The seed of every random draw (arrivals, durations, failures, job ids), so runs repeat.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The runbook servers, in the order the simulator lists them.</summary>
    public IReadOnlyList<ServerSpec> Servers { get; init; } = Array.Empty<ServerSpec>();

    /// <summary>The published runbooks.</summary>
    public IReadOnlyList<RunbookSpec> Runbooks { get; init; } = Array.Empty<RunbookSpec>();

    /// <summary>Random arrivals, started by <see cref="SimulatedOrchestrator.StartWorkload"/>.</summary>
    public IReadOnlyList<ArrivalSpec> Arrivals { get; init; } = Array.Empty<ArrivalSpec>();

    /// <summary>Jobs created when the simulator is built (for example the monitors, started at time zero).</summary>
    public IReadOnlyList<InitialJobSpec> InitialJobs { get; init; } = Array.Empty<InitialJobSpec>();

    /// <summary>The built-in scenario: RB01..RB03 (max jobs 50), the Wait Runbook, the Canary, two monitors started at
    /// time zero, and short and long runbooks arriving at random (about 5 to 15 running jobs per server). Seeded.</summary>
    public static Scenario Default => BuiltInScenarios.Default;

    /// <summary>Reads a scenario from a JSON file (format in the simulator's README).</summary>
    /// <param name="path">The file.</param>
    /// <returns>The scenario, validated.</returns>
    /// <exception cref="ScenarioException">The file is missing or unreadable, or the scenario is invalid; the message
    /// lists every problem.</exception>
    public static Scenario Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ScenarioException(path, new[] { $"the file cannot be read: {ex.Message}" });
        }

        return ScenarioReader.Parse(text, path);
    }

    /// <summary>Reads a scenario from JSON text.</summary>
    /// <param name="json">The JSON.</param>
    /// <returns>The scenario, validated.</returns>
    /// <exception cref="ScenarioException">The JSON or the scenario is invalid; the message lists every problem.</exception>
    public static Scenario Parse(string json) => ScenarioReader.Parse(json, "(text)");

    /// <summary>Checks the scenario as a whole: names unique, every reference resolves, every value in range.</summary>
    /// <exception cref="ScenarioException">Something is wrong; the message lists every problem.</exception>
    public void Validate()
    {
        var problems = Problems().ToList();
        if (problems.Count > 0)
        {
            throw new ScenarioException(Name, problems);
        }
    }

    /// <summary>Finds a runbook by path (ignoring case, as Orchestrator's database does).</summary>
    /// <param name="path">The path.</param>
    /// <returns>The runbook, or null.</returns>
    public RunbookSpec? FindRunbook(string path) =>
        Runbooks.FirstOrDefault(r => string.Equals(r.Path, path, StringComparison.OrdinalIgnoreCase));

    private IEnumerable<string> Problems()
    {
        if (Servers is null || Runbooks is null || Arrivals is null || InitialJobs is null)
        {
            yield return "Servers, Runbooks, Arrivals and InitialJobs must not be null";
            yield break;
        }

        if (Servers.Count == 0)
        {
            yield return "servers: none given; a farm needs at least one runbook server";
        }

        var serverNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Servers.Count; i++)
        {
            var server = Servers[i];
            var where = $"servers[{i}]";
            if (server is null || string.IsNullOrWhiteSpace(server.Name))
            {
                yield return $"{where}: has no name";
                continue;
            }

            where += $" '{server.Name}'";
            if (!serverNames.Add(server.Name))
            {
                yield return $"{where}: the name is used twice";
            }

            if (server.Name.IndexOf(',', StringComparison.Ordinal) >= 0)
            {
                yield return $"{where}: a name must not contain a comma (RunbookServers is a comma-separated list)";
            }

            if (server.MaxJobs < MaxJobsLimits.Min || server.MaxJobs > MaxJobsLimits.Max)
            {
                yield return $"{where}: maxJobs {server.MaxJobs} is outside {MaxJobsLimits.Min}-{MaxJobsLimits.Max}";
            }
        }

        foreach (var duplicate in Servers.Where(s => s?.Id is not null).GroupBy(s => s.Id).Where(g => g.Count() > 1))
        {
            yield return $"servers: the id {duplicate.Key} is used twice";
        }

        var paths = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Runbooks.Count; i++)
        {
            var runbook = Runbooks[i];
            if (runbook is null)
            {
                yield return $"runbooks[{i}]: is null";
                continue;
            }

            if (!paths.Add(runbook.Path ?? string.Empty))
            {
                yield return $"runbooks[{i}] '{runbook.Path}': the path is used twice";
            }

            foreach (var problem in runbook.Problems(serverNames, this))
            {
                yield return $"runbooks[{i}] '{runbook.Path}': {problem}";
            }
        }

        var ids = Runbooks.Where(r => r?.Id is not null).Select(r => r.Id!.Value)
            .Concat(Runbooks.Where(r => r is not null).SelectMany(r => r.Parameters ?? Array.Empty<ParameterSpec>()).Where(p => p?.Id is not null).Select(p => p.Id!.Value));
        foreach (var duplicate in ids.GroupBy(id => id).Where(g => g.Count() > 1))
        {
            yield return $"runbooks: the id {duplicate.Key} is used twice";
        }

        for (var i = 0; i < Arrivals.Count; i++)
        {
            var arrival = Arrivals[i];
            if (arrival is null)
            {
                yield return $"arrivals[{i}]: is null";
                continue;
            }

            foreach (var problem in arrival.Problems(serverNames, this))
            {
                yield return $"arrivals[{i}] '{arrival.RunbookPath}': {problem}";
            }
        }

        for (var i = 0; i < InitialJobs.Count; i++)
        {
            var job = InitialJobs[i];
            if (job is null)
            {
                yield return $"initialJobs[{i}]: is null";
                continue;
            }

            foreach (var problem in JobTemplate.Problems(job.RunbookPath, job.Parameters, job.Servers, serverNames, this))
            {
                yield return $"initialJobs[{i}] '{job.RunbookPath}': {problem}";
            }
        }
    }
}

/// <summary>A runbook server.</summary>
/// <param name="Name">The computer name, for example RB01.</param>
public sealed record ServerSpec(string Name)
{
    /// <summary>The server's id; made up from the name (always the same) when null.</summary>
    public Guid? Id { get; init; }

    /// <summary>The max-jobs throttle (<c>dbo.ACTIONSERVERS.MaxRunningPolicies</c>).</summary>
    /// <value>The default value is 50.</value>
    public int MaxJobs { get; init; } = MaxJobsLimits.Default;
}

/// <summary>What a runbook is for, so metrics can tell the patch machinery from real work.</summary>
public enum RunbookRole
{
    /// <summary>Real work.</summary>
    Ordinary,

    /// <summary>The do-nothing Wait Runbook that holds a drained server's single slot.</summary>
    Wait,

    /// <summary>A short health-check runbook the restore gate starts pinned to a server.</summary>
    Canary,
}

/// <summary>A published runbook.</summary>
/// <param name="Path">The path, for example <c>\PatchRunbook\4: WaitRunbook</c>.</param>
public sealed record RunbookSpec(string Path)
{
    /// <summary>The runbook's id; made up from the path (always the same) when null.</summary>
    public Guid? Id { get; init; }

    /// <summary>Whether it starts with a monitor activity: its job runs until canceled, holds one slot, gets a new
    /// runbook instance every <see cref="TriggerInterval"/>, and its job concurrency is forced to 1.</summary>
    public bool IsMonitor { get; init; }

    /// <summary>What the runbook is for.</summary>
    public RunbookRole Role { get; init; } = RunbookRole.Ordinary;

    /// <summary>Declared parameters (In and Out).</summary>
    public IReadOnlyList<ParameterSpec> Parameters { get; init; } = Array.Empty<ParameterSpec>();

    /// <summary>How long one run takes; ignored for monitors (they run until canceled).</summary>
    /// <value>The default value is a fixed minute.</value>
    public DurationDistribution Duration { get; init; } = DurationDistribution.Fixed(TimeSpan.FromMinutes(1));

    /// <summary>How many jobs of this runbook may run at once, farm-wide (Job Concurrency); monitors are forced to 1.</summary>
    /// <value>The default value is 1.</value>
    public int Concurrency { get; init; } = SimulatorConstants.DefaultRunbookConcurrency;

    /// <summary>The runbook's own server list (Runbook Properties, Runbook Servers tab): primary first, then standbys.
    /// Empty: any server.</summary>
    public IReadOnlyList<string> Servers { get; init; } = Array.Empty<string>();

    /// <summary>For a monitor: how often it fires.</summary>
    /// <value>The default value is 5 minutes.</value>
    public TimeSpan TriggerInterval { get; init; } = SimulatorConstants.DefaultTriggerInterval;

    /// <summary>Runbooks this one invokes when it starts (child jobs carry <c>ParentId</c>).</summary>
    public IReadOnlyList<ChildSpec> Children { get; init; } = Array.Empty<ChildSpec>();

    /// <summary>The share of runs that end Failed, 0 to 1.</summary>
    public double FailureRate { get; init; }

    /// <summary>The last path segment.</summary>
    public string Name => Path.Substring(Path.LastIndexOf('\\') + 1);

    /// <summary>The kind of job this runbook makes, as events and metrics report it.</summary>
    public RunbookKind Kind => IsMonitor ? RunbookKind.Monitor : Role switch
    {
        RunbookRole.Wait => RunbookKind.Wait,
        RunbookRole.Canary => RunbookKind.Canary,
        _ => RunbookKind.Ordinary,
    };

    /// <summary>The concurrency that applies (1 for a monitor).</summary>
    public int EffectiveConcurrency => IsMonitor ? 1 : Concurrency;

    internal IEnumerable<string> Problems(ISet<string> serverNames, Scenario scenario)
    {
        if (string.IsNullOrWhiteSpace(Path) || !Path.StartsWith('\\') || Path.EndsWith('\\'))
        {
            yield return "the path must start with '\\' and name a runbook, for example \\Folder\\Runbook";
        }

        if (Concurrency < 1 || Concurrency > 1000)
        {
            yield return $"concurrency {Concurrency} is outside 1-1000";
        }

        if (IsMonitor && Role != RunbookRole.Ordinary)
        {
            yield return $"a monitor cannot have role {Role}";
        }

        if (IsMonitor && TriggerInterval <= TimeSpan.Zero)
        {
            yield return "a monitor needs a triggerInterval greater than zero";
        }

        if (Duration is null)
        {
            yield return "has no duration";
        }
        else
        {
            foreach (var problem in Duration.Problems())
            {
                yield return "duration: " + problem;
            }
        }

        if (double.IsNaN(FailureRate) || FailureRate < 0 || FailureRate > 1)
        {
            yield return $"failureRate {FailureRate} is outside 0-1";
        }

        foreach (var server in (Servers ?? Array.Empty<string>()).Where(s => !serverNames.Contains(s ?? string.Empty)))
        {
            yield return $"servers: '{server}' is not a runbook server of the scenario ({string.Join(", ", serverNames)})";
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parameter in Parameters ?? Array.Empty<ParameterSpec>())
        {
            if (parameter is null || string.IsNullOrWhiteSpace(parameter.Name))
            {
                yield return "a parameter has no name";
            }
            else if (!names.Add(parameter.Name))
            {
                yield return $"the parameter '{parameter.Name}' is declared twice";
            }
        }

        foreach (var child in Children ?? Array.Empty<ChildSpec>())
        {
            var target = child is null ? null : scenario.FindRunbook(child.RunbookPath);
            if (target is null)
            {
                yield return $"children: '{child?.RunbookPath}' is not a runbook of the scenario";
            }
            else if (ReferenceEquals(target, this) || target.Children.Any(c => string.Equals(c.RunbookPath, Path, StringComparison.OrdinalIgnoreCase)))
            {
                yield return $"children: '{child!.RunbookPath}' would invoke runbooks in a loop";
            }
        }
    }
}

/// <summary>How a job's runbook kind is reported.</summary>
public enum RunbookKind
{
    /// <summary>Real work.</summary>
    Ordinary,

    /// <summary>A monitor runbook.</summary>
    Monitor,

    /// <summary>The Wait Runbook.</summary>
    Wait,

    /// <summary>The Canary.</summary>
    Canary,
}

/// <summary>A declared runbook parameter.</summary>
/// <param name="Name">The name, as the Initialize Data activity declares it.</param>
public sealed record ParameterSpec(string Name)
{
    /// <summary>The parameter's id; made up from the runbook path and name (always the same) when null.</summary>
    public Guid? Id { get; init; }

    /// <summary>The declared type, as text.</summary>
    /// <value>The default value is "String".</value>
    public string Type { get; init; } = "String";

    /// <summary>In (Initialize Data) or Out (Return Data).</summary>
    /// <value>The default value is In.</value>
    public ParameterDirection Direction { get; init; } = ParameterDirection.In;
}

/// <summary>A runbook another runbook invokes (Invoke Runbook) when it starts.</summary>
/// <param name="RunbookPath">The child runbook.</param>
public sealed record ChildSpec(string RunbookPath)
{
    /// <summary>Whether the parent waits for the child before it completes (<c>ParentIsWaiting</c>).</summary>
    /// <value>The default value is true.</value>
    public bool Wait { get; init; } = true;

    /// <summary>Whether the child is pinned to the parent's server (Invoke Runbook's target servers).</summary>
    public bool OnParentServer { get; init; }
}

/// <summary>Random arrivals of one runbook's jobs: a Poisson process.</summary>
/// <param name="RunbookPath">The runbook.</param>
/// <param name="RatePerHour">The mean number of new jobs per hour.</param>
public sealed record ArrivalSpec(string RunbookPath, double RatePerHour)
{
    /// <summary>Parameter values each job gets, by name.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>The job's own <c>RunbookServers</c>; empty for none.</summary>
    public IReadOnlyList<string> Servers { get; init; } = Array.Empty<string>();

    internal IEnumerable<string> Problems(ISet<string> serverNames, Scenario scenario)
    {
        if (double.IsNaN(RatePerHour) || RatePerHour < 0 || RatePerHour > 1_000_000)
        {
            yield return $"ratePerHour {RatePerHour} is outside 0-1000000";
        }

        foreach (var problem in JobTemplate.Problems(RunbookPath, Parameters, Servers, serverNames, scenario))
        {
            yield return problem;
        }
    }
}

/// <summary>A job created when the simulator is built.</summary>
/// <param name="RunbookPath">The runbook.</param>
public sealed record InitialJobSpec(string RunbookPath)
{
    /// <summary>Parameter values, by name.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>The job's own <c>RunbookServers</c>; empty for none.</summary>
    public IReadOnlyList<string> Servers { get; init; } = Array.Empty<string>();
}

/// <summary>Checks shared by arrivals and initial jobs.</summary>
internal static class JobTemplate
{
    public static IEnumerable<string> Problems(
        string runbookPath, IReadOnlyDictionary<string, string>? parameters, IReadOnlyList<string>? servers, ISet<string> serverNames, Scenario scenario)
    {
        var runbook = scenario.FindRunbook(runbookPath ?? string.Empty);
        if (runbook is null)
        {
            yield return "is not a runbook of the scenario";
            yield break;
        }

        var inNames = runbook.Parameters.Where(p => p.Direction == ParameterDirection.In).Select(p => p.Name).ToList();
        foreach (var name in (parameters ?? new Dictionary<string, string>()).Keys.Where(k => !inNames.Contains(k, StringComparer.Ordinal)))
        {
            yield return $"parameters: '{name}' is not an In-parameter of the runbook ({(inNames.Count == 0 ? "it has none" : string.Join(", ", inNames))})";
        }

        foreach (var server in (servers ?? Array.Empty<string>()).Where(s => !serverNames.Contains(s ?? string.Empty)))
        {
            yield return $"servers: '{server}' is not a runbook server of the scenario";
        }
    }
}
