using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using OrchPatch.Pack.Bundle;
using OrchPatch.Pack.Definition;
using OrchPatch.Pack.Oip;
using OrchPatch.Pack.Samples;
using OrchPatch.Pack.Wix;
using OrchPatch.Pack.Wizard;

namespace OrchPatch.Pack.Tool;

/// <summary>
/// `orchpatch-pack COMMAND`: the packaging steps, each generated from the pack definition built into OrchPatch.Pack.
/// Exit codes: 0 done, 1 a check failed, 2 bad input (nothing written), 3 staged but the wizard cannot run yet.
/// </summary>
internal static class Program
{
    public const int Success = 0;
    public const int Failed = 1;
    public const int BadInput = 2;
    public const int Incomplete = 3;

    private const string Usage = """
        orchpatch-pack: packaging steps generated from oip/pack.json.

          version                                            print the pack's version (major.minor.build)
          shipped-files                                      print the files the MSI installs, one a line
          file-name bundle|runbooks                          print an artifact's file name
          file-name msi|oip --target 2019|2022               print the file name of the pack for Orchestrator 2012-2019 or 2022
          wxs --target 2019|2022 --assemblies DIR --out FILE.wxs
                                                             write the WiX v3 source of that MSI (2019: x86; 2022: x64,
                                                             build it with wixl -a x64 or candle -arch x64)
          bundle --assemblies DIR --msi-2019 FILE --msi-2022 FILE --runbooks FILE [--cli orchpatch.exe] --out FILE.zip
                                                             write the Invoke .NET bundle (--cli: the win-x64 orchpatch.exe)
          stage-wizard --assemblies DIR --out DIR --oip FILE  stage the Integration Pack Wizard's inputs and WIZARD.md
          check-oip FILE.oip                                 check a wizard-built .oip against the pack definition
        """;

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    internal static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (args.Count == 0 || args[0] is "--help" or "-h")
        {
            output.WriteLine(Usage);
            return args.Count == 0 ? BadInput : Success;
        }

        try
        {
            var pack = PackDefinition.LoadEmbedded();
            return args[0] switch
            {
                "version" => Print(output, pack.Product.VersionText),
                "shipped-files" => Print(output, string.Join(Environment.NewLine, pack.Assembly.ShippedFiles)),
                "file-name" => Print(output, FileName(pack, ToolArguments.Parse(args, 1, "target"))),
                "wxs" => Wxs(pack, ToolArguments.Parse(args, 1, "target", "assemblies", "out"), output),
                "bundle" => Bundle(pack, ToolArguments.Parse(args, 1, "assemblies", "msi-2019", "msi-2022", "runbooks", "cli", "out"), output),
                "stage-wizard" => StageWizard(pack, ToolArguments.Parse(args, 1, "assemblies", "out", "oip"), output, error),
                "check-oip" => CheckOip(pack, ToolArguments.Parse(args, 1), output, error),
                _ => throw new ToolUsageException($"unknown command '{args[0]}'.{Environment.NewLine}{Usage}"),
            };
        }
        catch (ToolUsageException ex)
        {
            error.WriteLine("orchpatch-pack: " + ex.Message);
            return BadInput;
        }
        catch (Exception ex) when (ex is FileNotFoundException or OipException or PackDefinitionException or BadImageFormatException)
        {
            error.WriteLine("orchpatch-pack: " + ex.Message);
            return Failed;
        }
    }

    private static int Print(TextWriter output, string text)
    {
        output.WriteLine(text);
        return Success;
    }

    private static string FileName(PackDefinition pack, ToolArguments a) => a.Positionals.Count == 1
        ? a.Positionals[0] switch
        {
            "msi" => ArtifactNames.Msi(pack, Target(a)),
            "bundle" => ArtifactNames.Bundle(pack),
            "runbooks" => ArtifactNames.Runbooks(pack),
            "oip" => ArtifactNames.Oip(pack, Target(a)),
            var other => throw new ToolUsageException($"file-name knows msi, bundle, runbooks and oip, not '{other}'."),
        }
        : throw new ToolUsageException("file-name takes one of msi, bundle, runbooks, oip.");

    /// <summary>--target: required wherever the two packs differ, so a script never builds the wrong one by default.</summary>
    private static MsiTarget Target(ToolArguments a)
    {
        var key = a.Required("target");
        return MsiTarget.Find(key) ?? throw new ToolUsageException($"--target '{key}' is unknown: use {MsiTarget.Choices}.");
    }

    private static int Wxs(PackDefinition pack, ToolArguments a, TextWriter output)
    {
        var target = Target(a);
        var path = a.Required("out");
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var source = WixSource.Generate(pack, a.Required("assemblies"), directory, target);
        Directory.CreateDirectory(directory);
        File.WriteAllText(path, source);
        output.WriteLine($"wrote {path}: {ArtifactNames.Msi(pack, target)} ({target.Versions}, {target.Architecture}) installs {string.Join(", ", pack.Assembly.ShippedFiles)} in {target.ProgramFilesPath}\\{pack.Product.Name}.");
        return Success;
    }

    private static int Bundle(PackDefinition pack, ToolArguments a, TextWriter output)
    {
        var runbooksPath = a.Required("runbooks");
        if (!File.Exists(runbooksPath))
        {
            throw new ToolUsageException($"--runbooks: no such file {runbooksPath}.");
        }

        var runbooks = new SampleExport(Path.GetFileName(runbooksPath), File.ReadAllBytes(runbooksPath), Array.Empty<string>());
        var path = a.Required("out");
        var cli = a.Optional("cli");
        InvokeDotNetBundle.Write(pack, a.Required("assemblies"), a.Required("msi-2019"), a.Required("msi-2022"), runbooks, cli, path);
        output.WriteLine($"wrote {path}: assemblies, {Path.GetFileName(a.Required("msi-2019"))}, {Path.GetFileName(a.Required("msi-2022"))}, runbooks/{runbooks.FileName}, "
            + (cli is null ? string.Empty : InvokeDotNetBundle.CliFile + ", ") + $"{InvokeDotNetBundle.GuideFile}.");
        return Success;
    }

    private static int StageWizard(PackDefinition pack, ToolArguments a, TextWriter output, TextWriter error)
    {
        var stage = WizardStaging.Stage(pack, a.Required("assemblies"), a.Required("out"), a.Required("oip"));
        output.WriteLine(stage.Instructions);
        output.WriteLine($"staged {stage.Directory} ({WizardStaging.InstructionsFile} holds the text above).");
        if (stage.MissingClasses.Count == 0)
        {
            return Success;
        }

        error.WriteLine($"orchpatch-pack: {pack.Assembly.File} lacks {string.Join(", ", stage.MissingClasses)}; the wizard cannot be run until the activities are built.");
        return Incomplete;
    }

    private static int CheckOip(PackDefinition pack, ToolArguments a, TextWriter output, TextWriter error)
    {
        if (a.Positionals.Count != 1)
        {
            throw new ToolUsageException("check-oip takes one .oip file.");
        }

        var package = OipPackage.Open(a.Positionals[0]);
        var result = OipCheck.Check(pack, package);
        foreach (var note in result.Notes)
        {
            output.WriteLine($"{package.Path}: note: {note}");
        }

        foreach (var problem in result.Problems)
        {
            error.WriteLine($"{package.Path}: {problem}");
        }

        if (!result.Passed)
        {
            return Failed;
        }

        output.WriteLine($"{package.Path}: OK ({package.CapEntry}, {package.Entries.Count(e => e.EndsWith(".msi", StringComparison.OrdinalIgnoreCase))} MSI, EULA; {pack.Activities.Count} activities registered).");
        return Success;
    }
}
