using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using OrchPatch.Cli.Infrastructure;
using OrchPatch.Core.Maintenance;

namespace OrchPatch.Cli.Commands;

/// <summary>`orchpatch restore SERVER`.</summary>
internal sealed class RestoreCommand : ICommand
{
    private static readonly OptionSpec WaitJob = OptionSpec.Value("wait-job", "ID", "the maintenance's wait job (found by the server's name when not given)");
    private static readonly OptionSpec MaxJobs = OptionSpec.Value("max-jobs", "N", "set this max jobs instead of the recorded one (when the record is lost)");

    public string Name => "restore";

    public string Summary => "Return a drained runbook server to service: health gate, recorded max jobs back, wait job stopped.";

    public string Usage => "orchpatch restore SERVER --url URL --throttle METHOD [--canary RUNBOOK] [--health-timeout 15m] [options]";

    public IReadOnlyList<string> Examples { get; } = new[]
    {
        "orchpatch restore RB02 --url https://orch01:8443/api/ --throttle database",
        "orchpatch restore RB02 --throttle database --canary \"\\PatchRunbook\\Canary\" --health-timeout 20m",
    };

    public IReadOnlyList<OptionSpec> Options { get; } = CommonOptions.With(DrainFlags.Canary, DrainFlags.HealthTimeout, WaitJob, MaxJobs);

    public PositionalSpec? Positional => PositionalSpec.Server;

    public Task<int> RunAsync(ParsedArguments arguments, CommandContext context)
    {
        var server = FarmCommand.Server(arguments, Name);
        var options = DrainFlags.ToRestoreOptions(arguments);
        var waitJob = arguments.Value(WaitJob.Name);
        if (waitJob is not null)
        {
            options.WaitJobId = Guid.TryParse(waitJob.Trim('{', '}'), out var id) ? id : throw new UsageException($"--wait-job must be a job id (a GUID); got '{waitJob}'.");
        }

        options.MaxJobs = SettingRange.Whole(arguments, MaxJobs.Name, typeof(RestoreOptions), nameof(RestoreOptions.MaxJobs));
        return FarmCommand.RunAsync(Name, arguments, context, changesThings: true, async farm =>
        {
            var result = await new RestoreRunbookServer(farm, options).RunAsync(server, context.CancellationToken).ConfigureAwait(false);
            var word = result.Outcome == RestoreOutcome.Restored ? "restored" : "not-in-maintenance";
            return new CommandOutcome(ExitCodes.Success, word, result.Summary(), result, output => output.WriteLine(TerminalText.Escape(result.Summary())));
        });
    }
}
