using System;
using OrchPatch.Pack.Definition;
using OrchPatch.Pack.Wix;

namespace OrchPatch.Pack;

/// <summary>The file names of the artifacts, from the product name and version, so the scripts never spell them.</summary>
public static class ArtifactNames
{
    /// <summary>The MSI for some Orchestrator versions: OrchPatchIP-1.0.0-SCO2012-2019.msi, OrchPatchIP-1.0.0-SCO2022.msi.</summary>
    /// <param name="pack">The pack definition.</param>
    /// <param name="target">Which Orchestrator versions the MSI is for.</param>
    /// <returns>The file name.</returns>
    public static string Msi(PackDefinition pack, MsiTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Versioned(pack, "-" + target.FileTag + ".msi");
    }

    /// <summary>The Invoke .NET bundle: OrchPatchIP-1.0.0-InvokeDotNet.zip.</summary>
    /// <param name="pack">The pack definition.</param>
    /// <returns>The file name.</returns>
    public static string Bundle(PackDefinition pack) => Versioned(pack, "-InvokeDotNet.zip");

    /// <summary>The Integration Pack the wizard is told to write: OrchPatchIP-1.0.0-SCO2012-2019.oip, OrchPatchIP-1.0.0-SCO2022.oip.</summary>
    /// <param name="pack">The pack definition.</param>
    /// <param name="target">Which Orchestrator versions the pack is for (the toolkit the wizard belongs to).</param>
    /// <returns>The file name.</returns>
    public static string Oip(PackDefinition pack, MsiTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Versioned(pack, "-" + target.FileTag + ".oip");
    }

    /// <summary>The sample runbooks: PatchRunbook.ois_export (the exported folder's name).</summary>
    /// <param name="pack">The pack definition.</param>
    /// <returns>The file name.</returns>
    public static string Runbooks(PackDefinition pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        return pack.Samples.Folder + ".ois_export";
    }

    private static string Versioned(PackDefinition pack, string suffix)
    {
        ArgumentNullException.ThrowIfNull(pack);
        return pack.Product.Name + "-" + pack.Product.VersionText + suffix;
    }
}
