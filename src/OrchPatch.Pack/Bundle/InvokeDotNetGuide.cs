using System.Linq;
using System.Text;
using OrchPatch.Pack.Definition;
using OrchPatch.Pack.Wix;

namespace OrchPatch.Pack.Bundle;

/// <summary>
/// GUIDE.md of the Invoke .NET bundle, written from the pack definition so class and input names cannot drift. It is
/// complete in itself: every file it names is in the zip (a test checks it), and the connection settings are spelt out
/// here rather than pointed at in the repository's documentation, which the administrator does not have.
/// </summary>
public static class InvokeDotNetGuide
{
    /// <summary>Where an MSI installs the assemblies on a 64-bit runbook server.</summary>
    /// <param name="pack">The pack definition.</param>
    /// <param name="target">Which MSI.</param>
    /// <returns>The folder.</returns>
    public static string InstallFolder(PackDefinition pack, MsiTarget target)
    {
        System.ArgumentNullException.ThrowIfNull(pack);
        System.ArgumentNullException.ThrowIfNull(target);
        return target.ProgramFilesPath + "\\" + pack.Product.Name;
    }

    /// <summary>Writes the guide.</summary>
    /// <param name="pack">The pack definition.</param>
    /// <param name="msi2019File">The file name of the MSI for Orchestrator 2012 to 2019.</param>
    /// <param name="msi2022File">The file name of the MSI for Orchestrator 2022.</param>
    /// <param name="runbooksFile">The sample runbooks' file name.</param>
    /// <param name="cliFile">The bundled command line's file name, or null when it is not bundled.</param>
    /// <returns>Markdown.</returns>
    public static string Write(PackDefinition pack, string msi2019File, string msi2022File, string runbooksFile, string? cliFile)
    {
        System.ArgumentNullException.ThrowIfNull(pack);
        var p = pack.Product;
        var folder2019 = InstallFolder(pack, MsiTarget.Orchestrator2019);
        var folder2022 = InstallFolder(pack, MsiTarget.Orchestrator2022);
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
        text.AppendLine("Run the MSI for your Orchestrator version on every runbook server and on every computer with Runbook Designer:");
        text.AppendLine();
        text.AppendLine("| Orchestrator | MSI | Installs into |");
        text.AppendLine("|---|---|---|");
        text.AppendLine($"| 2012, 2012 SP1, 2012 R2, 2016, 2019 | `{msi2019File}` (32-bit) | `{folder2019}` |");
        text.AppendLine($"| 2022 (a 64-bit application; 2019 packs are not supported on it) | `{msi2022File}` (64-bit) | `{folder2022}` |");
        text.AppendLine();
        text.AppendLine($"Both install {string.Join(", ", pack.Assembly.ShippedFiles)}. (Or copy `assemblies\\` to that folder by hand: the path must be");
        text.AppendLine($"the same on every computer, because the runbook stores it.) Never copy {string.Join(", ", pack.Assembly.NeverShip)}: Orchestrator has its own.");
        text.AppendLine();
        text.AppendLine("## 2. Add an activity");
        text.AppendLine("Drag **Invoke .NET** into a runbook and open its properties:");
        text.AppendLine($"- **Assembly**: `{folder2019}\\{pack.Assembly.File}` (2012-2019) or `{folder2022}\\{pack.Assembly.File}` (2022)");
        text.AppendLine("- **Class**: one of the classes below.");
        text.AppendLine($"- **Setup**: the {pack.Configuration.Name} settings below.");
        text.AppendLine("- **Properties**: the inputs below; published data appears under the activity's name.");
        text.AppendLine();
        text.AppendLine($"### {pack.Configuration.Name} settings");
        text.AppendLine("- **Web Service URL**: `http://SERVER:81/Orchestrator2012/Orchestrator.svc/` (2012-2019) or `https://SERVER:PORT/api/` (2022).");
        text.AppendLine("- **API**: Auto (by the URL's shape), Orchestrator.svc (2012-2019) or Web API (2022).");
        text.AppendLine("- **User** (DOMAIN\\user), **Password**: blank for the runbook service account (Windows integrated).");
        text.AppendLine("- **Throttle Method**: Database (with **Database Connection String** to the Orchestrator database) or aspt.exe (with");
        text.AppendLine("  **aspt.exe Path**, where aspt.exe is): how a runbook server's max jobs is changed.");
        text.AppendLine($"- **Wait Runbook Path**: the runbook that holds a drained server's last slot; default `{pack.Samples.WaitRunbookPath}`,");
        text.AppendLine($"  which `runbooks\\{runbooksFile}` holds.");
        text.AppendLine("- **Request Timeout**: seconds for one web-service request (default 100).");
        text.AppendLine("- **Trusted Certificate Thumbprint**: the thumbprint of one certificate to trust although it does not chain to a");
        text.AppendLine("  trusted root (a self-signed HTTPS certificate); blank trusts only valid certificates.");
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
        text.AppendLine("types that are not registered: the file imports only where the registered Integration Pack has the same activity ids.");
        if (cliFile is not null)
        {
            text.AppendLine($"Regenerate it for your pack with `{cliFile} runbooks --oip YOUR.oip --out DIR` (`{cliFile}` is in this bundle: the");
            text.AppendLine("`orchpatch` command line, self-contained for Windows x64, no .NET install needed).");
        }
        else
        {
            text.AppendLine("Regenerate it for your pack with the `orchpatch` command line (`orchpatch runbooks --oip YOUR.oip --out DIR`),");
            text.AppendLine("which this bundle does not hold.");
        }

        text.AppendLine("With Invoke .NET only, build the same flow by hand from the classes above.");
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
