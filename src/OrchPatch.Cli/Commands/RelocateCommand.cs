using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using OrchPatch.Cli.Infrastructure;
using OrchPatch.Core.Maintenance;

namespace OrchPatch.Cli.Commands;

/// <summary>`orchpatch relocate --from SERVER`.</summary>
internal sealed class RelocateCommand : ICommand
{
    private static readonly OptionSpec From = OptionSpec.Value("from", "SERVER", "the runbook server to move jobs from");
    private static readonly OptionSpec MonitorsOnly = OptionSpec.Flag("monitors-only", "move only monitors");
    private static readonly OptionSpec Job = OptionSpec.Value("job", "ID", "move this job", repeatable: true);
    private static readonly OptionSpec To = OptionSpec.Value("to", "SERVER", "a server the jobs may go to (default: every other server not in maintenance)", repeatable: true);

    public string Name => "relocate";

    public string Summary => "Move jobs off a runbook server: the same runbook with the same parameters restarts elsewhere; a monitor never runs twice.";

    public string Usage => "orchpatch relocate --from SERVER --url URL [--monitors-only | --job ID ...] [--to SERVER ...]";

    public IReadOnlyList<string> Examples { get; } = new[]
    {
        "orchpatch relocate --from RB02 --monitors-only --to RB03 --url https://orch01:8443/api/",
    };

    public IReadOnlyList<OptionSpec> Options { get; } = CommonOptions.With(From, MonitorsOnly, Job, To);

    public Task<int> RunAsync(ParsedArguments arguments, CommandContext context)
    {
        var from = arguments.Value(From.Name);
        if (string.IsNullOrWhiteSpace(from))
        {
            throw new UsageException("--from SERVER is required: the runbook server to move jobs from.");
        }

        if (arguments.Positionals.Count > 0)
        {
            throw new UsageException($"relocate takes no positional arguments; got {string.Join(", ", arguments.Positionals)} (use --from SERVER).");
        }

        var jobs = arguments.List(Job.Name);
        if (arguments.Flag(MonitorsOnly.Name) && jobs.Count > 0)
        {
            throw new UsageException("--monitors-only and --job exclude each other.");
        }

        JobSelection selection;
        try
        {
            selection = arguments.Flag(MonitorsOnly.Name) ? JobSelection.MonitorsOnly : jobs.Count > 0 ? JobSelection.Parse(string.Join(";", jobs)) : JobSelection.All;
        }
        catch (ArgumentException ex)
        {
            throw UsageException.From(ex);
        }

        var options = new RelocateOptions { Selection = selection, Targets = arguments.List(To.Name) };
        return FarmCommand.RunAsync(Name, arguments, context, changesThings: false, async farm =>
        {
            var result = await new RelocateJobs(farm, options).RunAsync(from!, context.CancellationToken).ConfigureAwait(false);
            return new CommandOutcome(ExitCodes.Success, "relocated", result.Summary(), result, output =>
            {
                var table = new TextTable("RUNBOOK", "OLD JOB", "NEW JOB", "NOW ON");
                foreach (var moved in result.Moved)
                {
                    table.Add(moved.RunbookPath, moved.OldJobId, moved.NewJobId, moved.NewServer ?? "pending");
                }

                if (result.Moved.Count > 0)
                {
                    table.Write(output);
                }

                output.WriteLine(result.Summary());
            });
        });
    }
}
