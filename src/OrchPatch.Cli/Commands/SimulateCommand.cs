using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using OrchPatch.Cli.Infrastructure;
using OrchPatch.Simulator;
using OrchPatch.Simulator.Hosting;
using OrchPatch.Simulator.Scenarios;

namespace OrchPatch.Cli.Commands;

/// <summary>`orchpatch simulate`: serves a simulated Orchestrator farm on 127.0.0.1 until Ctrl-C or SIGTERM.</summary>
internal sealed class SimulateCommand : ICommand
{
    public string Name => "simulate";

    public string Summary => "Serve a simulated Orchestrator farm (both web APIs and a control surface) on 127.0.0.1.";

    public string Usage => "orchpatch simulate --port P [--scenario FILE] [--speed X] [--poll S] [--idle]";

    public IReadOnlyList<string> Examples { get; } = new[]
    {
        "orchpatch simulate --port 8181",
        "orchpatch simulate --port 8181 --scenario farm.json --speed 60 --poll 5s",
    };

    public IReadOnlyList<OptionSpec> Options { get; } = new[]
    {
        OptionSpec.Value("port", "P", "The port on 127.0.0.1; 0 picks a free one."),
        OptionSpec.Value("scenario", "FILE", "A scenario JSON file (src/OrchPatch.Simulator/README.md); the built-in farm when absent."),
        OptionSpec.Value("speed", "X", "Simulated seconds per real second (default 1; 60 runs an hour a minute)."),
        OptionSpec.Value("poll", "DURATION", "How often each runbook server's Runbook Service polls (default 3s)."),
        OptionSpec.Flag("idle", "Do not start the scenario's random arrivals."),
    };

    public async Task<int> RunAsync(ParsedArguments arguments, CommandContext context)
    {
        var port = arguments.Int("port", 0, 65535) ?? throw new UsageException("--port is required (or set ORCHPATCH_PORT); 0 picks a free port.");
        var speed = arguments.Double("speed", 0.001, 1_000_000) ?? 1;
        var settings = new SimulatorSettings();
        if (arguments.Duration("poll") is { } poll)
        {
            settings.RunbookServicePollInterval = poll;
        }

        Scenario scenario;
        try
        {
            scenario = arguments.Value("scenario") is { } file ? Scenario.Load(file) : Scenario.Default;
        }
        catch (ScenarioException ex)
        {
            throw new UsageException(ex.Message);
        }

        var time = speed == 1 ? context.Time : new ScaledTimeProvider(speed, context.Time);
        using var simulator = new SimulatedOrchestrator(scenario, time, settings);
        SimulatorHost host;
        try
        {
            host = await SimulatorHost.StartAsync(simulator, port, context.CancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            context.Error.WriteLine($"orchpatch simulate: {ex.Message}");
            return ExitCodes.Failed;
        }

        await using (host.ConfigureAwait(false))
        {
            if (!arguments.Flag("idle"))
            {
                simulator.StartWorkload();
            }

            context.Output.WriteLine(
                $"Orchestrator simulator listening on {host.BaseAddress} (Orchestrator.svc: {host.ODataRoot}, Web API: {host.WebApiRoot}, control: {host.ControlRoot})");
            context.Output.Flush();
            try
            {
                await Task.Delay(System.Threading.Timeout.Infinite, context.CancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
            {
                // Ctrl-C or SIGTERM: stop cleanly.
            }
        }

        return ExitCodes.Success;
    }
}
