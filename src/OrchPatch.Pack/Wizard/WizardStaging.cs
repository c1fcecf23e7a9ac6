using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using OrchPatch.Pack.Definition;
using OrchPatch.Pack.Icons;

namespace OrchPatch.Pack.Wizard;

/// <summary>
/// Stages everything the Integration Pack Wizard asks for (docs/orchestrator-facts.md#the-integration-pack) in one folder, from the pack
/// definition: the assemblies, the EULA as a <c>.EULA</c> file, the icons as 16x16 and 32x32 bitmaps, and WIZARD.md,
/// which says exactly what to enter on each wizard page. The wizard itself cannot be scripted (no public format for
/// its project file, QIK.XML), and it remembers files by their paths: staging always uses the same paths, so a later
/// version is built by importing the previous .oip and pointing at the same files.
/// </summary>
public static class WizardStaging
{
    /// <summary>The instructions file in the staging folder.</summary>
    public const string InstructionsFile = "WIZARD.md";

    /// <summary>Stages the folder.</summary>
    /// <param name="pack">The pack definition.</param>
    /// <param name="assemblyDirectory">The net472 build output.</param>
    /// <param name="stagingDirectory">The folder to fill (created; files of the same name replaced).</param>
    /// <param name="oipPath">Where the wizard is to write the .oip.</param>
    /// <returns>What was staged, the instructions, and the activity classes the assembly lacks.</returns>
    /// <exception cref="FileNotFoundException">A shipped file is missing from <paramref name="assemblyDirectory"/>.</exception>
    public static WizardStage Stage(PackDefinition pack, string assemblyDirectory, string stagingDirectory, string oipPath)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var staging = Path.GetFullPath(stagingDirectory);
        var assemblies = Path.Combine(staging, "assemblies");
        var icons = Path.Combine(staging, "icons");
        Directory.CreateDirectory(assemblies);
        Directory.CreateDirectory(icons);

        foreach (var file in pack.Assembly.ShippedFiles)
        {
            var source = Path.Combine(assemblyDirectory, file);
            if (!File.Exists(source))
            {
                throw new FileNotFoundException($"{source} is missing; build the net472 assemblies first.", source);
            }

            File.Copy(source, Path.Combine(assemblies, file), overwrite: true);
        }

        var eula = Path.Combine(staging, pack.Product.Name + ".EULA");
        File.WriteAllText(eula, pack.Product.Eula, new UTF8Encoding(false));
        var categoryIcons = WriteIcon(icons, "category", pack.Product.Icon);
        var activityIcons = pack.Activities.ToDictionary(a => a.ClassName, a => WriteIcon(icons, a.ClassName, a.Icon));

        var library = Path.Combine(assemblies, pack.Assembly.File);
        var classes = AssemblyClasses.PublicTypes(library);
        var missing = pack.Activities.Where(a => !classes.Contains(a.FullClassName)).Select(a => a.FullClassName).ToArray();

        var instructions = Instructions(pack, staging, library, eula, categoryIcons, activityIcons, Path.GetFullPath(oipPath), missing);
        File.WriteAllText(Path.Combine(staging, InstructionsFile), instructions, new UTF8Encoding(false));
        return new WizardStage(staging, instructions, missing);
    }

    private static string WriteIcon(string directory, string name, PackIcon icon)
    {
        foreach (var size in BitmapIcon.Sizes)
        {
            File.WriteAllBytes(Path.Combine(directory, $"{name}-{size}.bmp"), BitmapIcon.Render(icon, size));
        }

        return Path.Combine(directory, name + "-16.bmp");
    }

    private static string Instructions(PackDefinition pack, string staging, string library, string eula, string categoryIcon, IReadOnlyDictionary<string, string> activityIcons, string oip, IReadOnlyList<string> missing)
    {
        var p = pack.Product;
        var text = new StringBuilder();
        text.AppendLine($"# Integration Pack Wizard: {p.Name} {p.VersionText}");
        text.AppendLine();
        text.AppendLine($"Generated from oip/pack.json into {staging}. Start IPWizard.exe (Integration Toolkit\\Bin) and enter exactly this.");
        if (missing.Count > 0)
        {
            text.AppendLine();
            text.AppendLine($"**Stop: {Path.GetFileName(library)} has no class {string.Join(", ", missing)}.** The wizard's Class list cannot offer it; build the activities first.");
        }

        text.AppendLine();
        text.AppendLine("## Welcome page");
        text.AppendLine("- First build of this pack: **Next**.");
        text.AppendLine("- Every later version: **Import Integration Pack**, choose the previous version's .oip, and keep **Enable upgrade** checked");
        text.AppendLine("  on the next page. Otherwise the wizard gives the pack a new product id and new activity ids, and it installs side by side.");
        text.AppendLine();
        text.AppendLine("## Product Details page");
        text.AppendLine($"| Field | Enter |");
        text.AppendLine("|---|---|");
        text.AppendLine($"| Product name | {p.Name} |");
        text.AppendLine($"| Category name | {p.Category} |");
        text.AppendLine($"| Company | {p.Company} |");
        text.AppendLine($"| EULA file | {eula} |");
        text.AppendLine("| Resource file | keep the default (the Toolkit's resource file), unless you built a custom resource assembly from the bitmaps in icons\\ (see below) |");
        text.AppendLine($"| Version | {p.VersionText} |");
        text.AppendLine("| Enable upgrade | unchecked for the first build; checked after Import Integration Pack |");
        text.AppendLine($"| Description | {p.Description} |");
        text.AppendLine($"| Category icon | Modify: the icon closest to {categoryIcon} (with the default resource file) |");
        text.AppendLine();
        text.AppendLine("## Activities page");
        text.AppendLine("Click **Add** once per row. Library is the same file for every activity; keep the display names exactly: runbooks and");
        text.AppendLine("`orchpatch runbooks --oip` find the activities by these names.");
        text.AppendLine();
        text.AppendLine("| Library | Class | Display Name | Description | Icon |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var a in pack.Activities)
        {
            text.AppendLine($"| {library} | {a.FullClassName} | {a.DisplayName} | {a.Description} | {activityIcons[a.ClassName]} |");
        }

        text.AppendLine();
        text.AppendLine("## Dependencies and Included Files page");
        foreach (var dependency in pack.Assembly.Dependencies)
        {
            text.AppendLine($"- Add {Path.Combine(Path.GetDirectoryName(library)!, dependency)}");
        }

        text.AppendLine($"- Never add {string.Join(", ", pack.Assembly.NeverShip)}: every runbook server already has it.");
        text.AppendLine();
        text.AppendLine("## Orchestrator Integration Pack File page");
        text.AppendLine($"- {oip}");
        text.AppendLine();
        text.AppendLine("## After the wizard");
        text.AppendLine($"1. `orchpatch-pack check-oip {oip}` checks it: a ZIP with a .CAP, an .MSI and the EULA, every activity present.");
        text.AppendLine($"2. `orchpatch runbooks --oip {oip} --out <folder>` writes the sample runbooks with the activity ids this .oip registers.");
        text.AppendLine();
        text.AppendLine("## Icons");
        text.AppendLine("icons\\ holds each icon as 16x16 and 32x32 bitmaps with black as the transparency colour, the form Microsoft's");
        text.AppendLine("\"Creating a Custom Resource File\" (Orchestrator SDK, hh855058) starts from to build a resource assembly for the");
        text.AppendLine("Resource file field. This build does not make that assembly: its layout is not reproduced here.");
        return text.ToString();
    }
}

/// <summary>The staged folder.</summary>
/// <param name="Directory">The staging folder.</param>
/// <param name="Instructions">The text of WIZARD.md.</param>
/// <param name="MissingClasses">Activity classes of the pack definition the assembly does not have; the wizard cannot be run until this is empty.</param>
public sealed record WizardStage(string Directory, string Instructions, IReadOnlyList<string> MissingClasses);
