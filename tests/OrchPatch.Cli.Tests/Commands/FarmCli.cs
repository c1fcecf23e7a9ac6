using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using OrchPatch.Cli.Infrastructure;
using OrchPatch.Core.Orchestrator;
using OrchPatch.Simulator;
using OrchPatch.Lab;
using OrchPatch.Simulator.Scenarios;
using OrchPatch.TestSupport.Farms;

namespace OrchPatch.Cli.Tests.Commands;

/// <summary>
/// `orchpatch` run in-process against a simulated farm on its virtual clock: the command's waits move the clock, its
/// requests go through the in-process transport signed in with the user and password it resolved, and the options
/// come from ORCHPATCH_* variables (URL, user, password, throttle) unless a test says otherwise.
/// </summary>
internal sealed class FarmCli : IDisposable
{
    public const string User = @"CONTOSO\patcher";
    public const string Password = "Cli-Secret!42";
    public const string DatabasePassword = "Db-Secret!77";
    public const string ConnectionString = "Data Source=SQL01;Initial Catalog=Orchestrator;User ID=orch;Password=" + DatabasePassword;

    private FarmCli(SimulatedFarm farm)
    {
        Farm = farm;
        Environment = new Dictionary<string, string>
        {
            ["ORCHPATCH_URL"] = farm.Orchestrator.ODataRoot.ToString(),
            ["ORCHPATCH_USER"] = User,
            ["ORCHPATCH_PASSWORD"] = Password,
            ["ORCHPATCH_THROTTLE"] = "simulator",
            ["ORCHPATCH_CONNECTION_STRING"] = ConnectionString,
        };
    }

    public SimulatedFarm Farm { get; }

    public SimulatedOrchestrator Orchestrator => Farm.Orchestrator;

    /// <summary>What the command sees as its environment; tests change it.</summary>
    public Dictionary<string, string> Environment { get; }

    /// <summary>The farm, with the known user as its only account.</summary>
    public static FarmCli Start(TestFarm farm, params SimulatedUser[] moreUsers) =>
        new(farm.Build(new SimulatorSettings { Users = new[] { SimulatedUser.Administrator(User, Password) }.Concat(moreUsers).ToArray() }));

    /// <summary>The farm, with the known user as its only account and the Orchestrator's clock this far from the
    /// machine running orchpatch (positive: ahead).</summary>
    public static FarmCli StartWithClockOffset(TestFarm farm, TimeSpan clockOffset) =>
        new(farm.Build(new SimulatorSettings { Users = new[] { SimulatedUser.Administrator(User, Password) }, ClockOffset = clockOffset }));

    /// <summary>Test seam: replaces the transport to the farm (a web service that never answers).</summary>
    public System.Net.Http.HttpMessageHandler? Transport { get; set; }

    /// <summary>The computer orchpatch believes it runs on.</summary>
    public string MachineName { get; set; } = "JUMP01";

    /// <summary>Runs `orchpatch ARGS` to its end, moving the farm's clock while it waits.</summary>
    public CliResult Run(params string[] args) => Farm.Run(() => RunAsync(CancellationToken.None, args), TimeSpan.FromHours(12));

    /// <summary>Starts `orchpatch ARGS` without moving the clock (the test moves it).</summary>
    public Task<CliResult> Start(CancellationToken cancellationToken, params string[] args) => Farm.Start(() => RunAsync(cancellationToken, args));

    /// <summary>Every server's max jobs and every job's status and server: what "nothing changed" compares.</summary>
    public string Snapshot() =>
        string.Join("\n", Orchestrator.Servers.Select(s => $"{s.Name} max {Orchestrator.GetMaxJobs(s.Name)}")
            .Concat(Orchestrator.Jobs.OrderBy(j => j.Id).Select(j => $"{j.Id} {j.RunbookPath} {j.Status} {j.Server}")));

    /// <summary>The running or pending wait jobs.</summary>
    public IReadOnlyList<JobState> WaitJobs() =>
        Orchestrator.Jobs.Where(j => j.RunbookPath == StandardRunbooks.WaitRunbookPath && j.Status is SimulatedJobStatus.Running or SimulatedJobStatus.Pending).ToArray();

    /// <summary>The --json document.</summary>
    public static JsonElement Json(CliResult result)
    {
        using var document = JsonDocument.Parse(result.Output);
        return document.RootElement.Clone();
    }

    public void Dispose() => Farm.Dispose();

    private async Task<CliResult> RunAsync(CancellationToken cancellationToken, string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CommandContext(output, error, name => Environment.TryGetValue(name, out var v) ? v : null, cancellationToken)
        {
            Time = Farm.Clock,
            TransportFor = options => Transport ?? new SignedInTransport(Orchestrator.CreateHandler(), options.UserName, options.Password),
            MachineName = MachineName,
            WaitForCommandsInRealTime = true,
        };
        var code = await CliApplication.RunAsync(args, context).ConfigureAwait(false);
        return new CliResult(code, output.ToString(), error.ToString());
    }
}
