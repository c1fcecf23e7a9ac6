using System.Linq;
using System.Text;
using OrchPatch.Pack.Definition;

namespace OrchPatch.Pack.Bundle;

/// <summary>GUIDE.md of the Invoke .NET bundle, written from the pack definition so class and input names cannot drift.</summary>
public static class InvokeDotNetGuide
{
    /// <summary>Where the MSI installs the assemblies on a 64-bit runbook server (ProgramFilesFolder is the 32-bit one).</summary>
    /// <param name="pack">The pack definition.</param>
    /// <returns>The folder.</returns>
    public static string InstallFolder(PackDefinition pack) => @"C:\Program Files (x86)\" + pack.Product.Name;

    /// <summary>Writes the guide.</summary>
    /// <param name="pack">The pack definition.</param>
    /// <param name="msiFile">The MSI's file name.</param>
    /// <param name="runbooksFile">The sample runbooks' file name.</param>
    /// <returns>Markdown.</returns>
    public static string Write(PackDefinition pack, string msiFile, string runbooksFile)
    {
        var p = pack.Product;
        var folder = InstallFolder(pack);
        var text = new StringBuilder();
        text.AppendLine($"# {p.Name} {p.VersionText}: use the activities through Invoke .NET");
        text.AppendLine();
        text.AppendLine(p.Description);
        text.AppendLine();
        text.AppendLine("This bundle lets you use the activities at once, without registering the Integration Pack: through the");
        text.AppendLine("Integration Toolkit's **Invoke .NET** activity (category *Integration Toolkit*; the toolkit's .NET Integration Pack");
        text.AppendLine("must be registered and deployed). Microsoft recommends this route for trying activities out; register the .oip for production.");
        text.AppendLine();
        text.AppendLine("## 1. Install the assemblies");
        text.AppendLine($"Run `{msiFile}` on every runbook server and on every computer with Runbook Designer. It installs");
        text.AppendLine($"{string.Join(", ", pack.Assembly.ShippedFiles)} into `{folder}`. (Or copy `assemblies\\` there by hand: the path must be");
        text.AppendLine($"the same on every computer, because the runbook stores it.) Never copy {string.Join(", ", pack.Assembly.NeverShip)}: Orchestrator has its own.");
        text.AppendLine();
        text.AppendLine("## 2. Add an activity");
        text.AppendLine("Drag **Invoke .NET** into a runbook and open its properties:");
        text.AppendLine($"- **Assembly**: `{folder}\\{pack.Assembly.File}`");
        text.AppendLine("- **Class**: one of the classes below.");
        text.AppendLine($"- **Setup**: the {pack.Configuration.Name} settings (web service URL, credentials, throttle method, Wait Runbook path); see packaging/README.md.");
        text.AppendLine("- **Properties**: the inputs below; published data appears under the activity's name.");
        text.AppendLine();
        foreach (var a in pack.Activities)
        {
            text.AppendLine($"### {a.DisplayName} (`{a.FullClassName}`)");
            text.AppendLine(a.Description);
            text.AppendLine();
            text.AppendLine("Inputs: " + string.Join("; ", a.Inputs.Select(Describe)) + ".");
            text.AppendLine();
            text.AppendLine("Published data: " + string.Join(", ", a.Outputs.Where(o => !o.Correlated).Select(o => o.Name))
                + (a.Outputs.Any(o => o.Correlated) ? "; one row per item: " + string.Join(", ", a.Outputs.Where(o => o.Correlated).Select(o => o.Name)) : string.Empty) + ".");
            text.AppendLine();
        }

        text.AppendLine("## 3. Test");
        text.AppendLine("Run the runbook in Runbook Tester (Run to Breakpoint, then Show Details) to see the inputs and the published data.");
        text.AppendLine();
        text.AppendLine("## The sample runbooks");
        text.AppendLine($"`runbooks\\{runbooksFile}` holds \"{pack.Samples.PatchOrchestrator}\", \"{pack.Samples.PatchServer}\", \"{pack.Samples.WaitRunbook}\" and \"{pack.Samples.RunPatch}\".");
        text.AppendLine($"\"{pack.Samples.PatchOrchestrator}\" and \"{pack.Samples.PatchServer}\" use the pack's activities, and the import refuses activity");
        text.AppendLine("types that are not registered: the file imports where the .oip is registered (regenerate it with");
        text.AppendLine("`orchpatch runbooks --oip FILE.oip --out DIR` for the activity ids of your .oip). With Invoke .NET only, build the");
        text.AppendLine("same flow by hand from the classes above.");
        return text.ToString();
    }

    private static string Describe(ActivityInput input)
    {
        var parts = new[]
        {
            input.Required ? "required" : null,
            input.Type == InputType.List ? string.Join("/", input.Options) : null,
            input.Default is null ? null : "default " + input.Default,
        }.Where(x => x is not null);
        var detail = string.Join(", ", parts);
        return input.Name + (detail.Length > 0 ? " (" + detail + ")" : string.Empty);
    }
}
