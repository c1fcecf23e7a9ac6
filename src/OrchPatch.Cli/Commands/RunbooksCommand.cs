using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using OrchPatch.Cli.Infrastructure;
using OrchPatch.Pack.Definition;
using OrchPatch.Pack.Oip;
using OrchPatch.Pack.Samples;
using OrchPatch.Pack.Validation;

namespace OrchPatch.Cli.Commands;

/// <summary>
/// `orchpatch runbooks`: writes the sample runbooks that patch Orchestrator itself (with the activity GUIDs of a
/// wizard-built .oip, or the pack definition's), or checks runbook exports before they are imported.
/// </summary>
internal sealed class RunbooksCommand : ICommand
{
    public string Name => "runbooks";

    public string Summary => "Write the sample runbooks (PatchRunbook.ois_export), or check runbook exports before importing them.";

    public string Usage => "orchpatch runbooks --out DIR [--oip FILE.oip] [--connection NAME] | orchpatch runbooks --check FILE... [--external RUNBOOK]";

    public IReadOnlyList<string> Examples { get; } = new[]
    {
        "orchpatch runbooks --out artifacts/runbooks --oip OrchPatchIP.oip",
        "orchpatch runbooks --check artifacts/runbooks/PatchRunbook.ois_export",
    };

    public IReadOnlyList<OptionSpec> Options { get; } = new[]
    {
        OptionSpec.Value("out", "DIR", "Write the sample runbooks into DIR (created if missing)."),
        OptionSpec.Value("oip", "FILE.oip", "Use the activity GUIDs of this wizard-built Integration Pack (read from its .CAP by activity name)."),
        OptionSpec.Value("connection", "NAME", "The Options-menu connection entry the activities use (default: the pack definition's sample entry name)."),
        OptionSpec.Flag("check", "Check the runbook export FILEs instead: layout, field order, links, Invoke Runbook targets, subscriptions."),
        OptionSpec.Value("external", "RUNBOOK", "With --check: a runbook GUID or path that may be invoked although it is not in the file.", repeatable: true),
        OptionSpec.Flag("help", "Show this help."),
    };

    public PositionalSpec? Positional { get; } = new("FILE", "with --check: the runbook exports to check", 100_000);

    public Task<int> RunAsync(ParsedArguments arguments, CommandContext context) =>
        Task.FromResult(arguments.Flag("check") ? Check(arguments, context) : Write(arguments, context));

    private static int Check(ParsedArguments arguments, CommandContext context)
    {
        foreach (var writeOnly in new[] { "out", "oip", "connection" }.Where(arguments.Has))
        {
            throw new UsageException($"--{writeOnly} writes the samples and cannot be combined with --check.");
        }

        if (arguments.Positionals.Count == 0)
        {
            throw new UsageException("--check needs at least one runbook export file (FILE.ois_export).");
        }

        var missing = arguments.Positionals.Where(f => !File.Exists(f)).ToArray();
        if (missing.Length > 0)
        {
            throw new UsageException($"no such file: {string.Join(", ", missing)}. Nothing was checked.");
        }

        var validator = new OisExportValidator(arguments.Values("external"));
        var failed = false;
        foreach (var file in arguments.Positionals)
        {
            var report = validator.ValidateFile(file);
            foreach (var warning in report.AllWarnings)
            {
                context.Output.WriteLine("warning: " + warning);
            }

            if (report.IsValid)
            {
                context.Output.WriteLine($"{file}: OK ({report.Runbooks} runbooks, {report.Objects} activities and links).");
                continue;
            }

            failed = true;
            foreach (var problem in report.Problems)
            {
                context.Output.WriteLine(problem.ToString());
            }

            context.Error.WriteLine($"{file}: {report.Problems.Count} problem(s); fix them before importing.");
        }

        return failed ? ExitCodes.Failed : ExitCodes.Success;
    }

    private static int Write(ParsedArguments arguments, CommandContext context)
    {
        if (arguments.Has("external"))
        {
            throw new UsageException("--external names runbooks for --check; it does nothing when writing the samples.");
        }

        if (arguments.Positionals.Count > 0)
        {
            throw new UsageException($"unexpected argument '{arguments.Positionals[0]}'. To check files, add --check; to write the samples, give --out DIR.");
        }

        var outDirectory = arguments.Value("out") ?? throw new UsageException("give --out DIR to write the sample runbooks, or --check FILE... to check exports.");
        var pack = PackDefinition.LoadEmbedded();
        var types = Types(pack, arguments.Value("oip"));
        var connection = arguments.Value("connection") ?? pack.Configuration.SampleEntryName;

        SampleExport export;
        try
        {
            export = PatchRunbookSamples.Generate(pack, types, connection);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException("--connection: " + ex.Message);
        }

        Directory.CreateDirectory(outDirectory);
        var path = Path.Combine(outDirectory, export.FileName);
        File.WriteAllBytes(path, export.Content.ToArray());

        // The samples are checked as any export would be; a problem here is a bug in the generator.
        var report = new OisExportValidator().ValidateFile(path);
        foreach (var problem in report.Problems)
        {
            context.Error.WriteLine("Bug in OrchPatch: " + problem);
        }

        var origin = types.FromPackDefinition
            ? $"activity GUIDs from {types.Source}, not from a wizard-built pack: pass --oip FILE.oip once the Integration Pack Wizard has built it"
            : $"activity GUIDs from {types.Source}";
        context.Output.WriteLine($"wrote {path}: {string.Join(", ", export.Runbooks.Select(r => "'" + r + "'"))}; {origin}; connection entry '{connection}'.");
        return report.IsValid ? ExitCodes.Success : ExitCodes.Failed;
    }

    private static ActivityTypes Types(PackDefinition pack, string? oip)
    {
        if (oip is null)
        {
            return ActivityTypes.FromPack(pack);
        }

        try
        {
            var package = OipPackage.Open(oip);
            return ActivityTypes.FromNames(pack, $"the .CAP in {oip}", package.ObjectTypesByName);
        }
        catch (Exception ex) when (ex is OipException or ArgumentException)
        {
            throw new UsageException("--oip: " + ex.Message + " Nothing was written.");
        }
    }
}
