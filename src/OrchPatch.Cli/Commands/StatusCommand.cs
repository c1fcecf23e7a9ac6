using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using OrchPatch.Cli.Infrastructure;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Utils;

namespace OrchPatch.Cli.Commands;

/// <summary>`orchpatch status`: servers, max jobs, running and pending jobs, monitors, maintenance.</summary>
internal sealed class StatusCommand : ICommand
{
    private static readonly OptionSpec ServerOption = OptionSpec.Value("server", "SERVER", "show one runbook server");

    public string Name => "status";

    public string Summary => "Show the runbook servers: max jobs, running and pending jobs, monitors, and which is in maintenance.";

    public string Usage => "orchpatch status [SERVER] --url URL [--throttle METHOD] [--json]";

    public IReadOnlyList<string> Examples { get; } = new[]
    {
        "orchpatch status --url http://orch01:81/Orchestrator2012/Orchestrator.svc/",
        "orchpatch status RB02 --url https://orch01:8443/api/ --throttle database --json",
    };

    public IReadOnlyList<OptionSpec> Options { get; } = CommonOptions.With(ServerOption);

    public PositionalSpec? Positional { get; } = new("SERVER", "show only this runbook server (or --server)");

    public Task<int> RunAsync(ParsedArguments arguments, CommandContext context)
    {
        var only = arguments.Positionals.Count > 0 ? arguments.Positionals[0].Trim() : arguments.Value(ServerOption.Name);
        if (arguments.Positionals.Count > 0 && arguments.Value(ServerOption.Name) is { } other && other != only)
        {
            throw new UsageException($"name one server: '{only}' or --server '{other}', not both.");
        }

        return FarmCommand.RunAsync(Name, arguments, context, changesThings: false, async farm =>
        {
            var status = await new ReadFarmStatus(farm).RunAsync(only, context.CancellationToken).ConfigureAwait(false);
            var inMaintenance = status.Servers.Where(s => s.InMaintenance).ToArray();
            var summary = $"{Plural.Of(status.Servers.Count, "runbook server")}; " +
                (inMaintenance.Length == 0 ? "none in maintenance" : "in maintenance: " + string.Join("; ", inMaintenance.Select(s => s.Maintenance!.Describe()))) +
                (status.PendingAnywhere > 0 ? $"; {Plural.Of(status.PendingAnywhere, "job")} pending for any server" : string.Empty) +
                (status.PendingOnSeveral > 0 ? $"; {Plural.Of(status.PendingOnSeveral, "job")} pending for several servers" : string.Empty) +
                (status.MonitorCopies.Count > 0 ? $"; {Plural.Of(status.MonitorCopies.Count, "copied monitor")} beside the original (an interrupted move: restore the original's server)" : string.Empty) + ".";
            return new CommandOutcome(ExitCodes.Success, "ok", summary, status, output =>
            {
                var table = new TextTable("SERVER", "MAX JOBS", "RUNNING", "PENDING", "MONITORS", "MAINTENANCE");
                foreach (var server in status.Servers)
                {
                    table.Add(TerminalText.Escape(server.Server), server.MaxJobs?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?", server.RunningJobs, server.PendingShared > 0 ? $"{server.PendingJobs} (+{server.PendingShared} shared)" : server.PendingJobs.ToString(System.Globalization.CultureInfo.InvariantCulture), server.RunningMonitors,
                        server.Maintenance is { } m ? TerminalText.Escape($"since {m.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC by {m.Owner} (wait job {m.WaitJobId})") : "-");
                }

                table.Write(output);
                if (status.Servers.Any(s => s.MaxJobs is null))
                {
                    output.WriteLine("MAX JOBS ?: not read (--throttle aspt and none cannot read it; database and simulator can).");
                }

                output.WriteLine(TerminalText.Escape(summary));
                foreach (var copy in status.MonitorCopies)
                {
                    output.WriteLine("monitor copy: " + TerminalText.Escape(copy.Describe()));
                }

                foreach (var warning in status.Warnings)
                {
                    output.WriteLine("warning: " + TerminalText.Escape(warning));
                }
            });
        });
    }
}
