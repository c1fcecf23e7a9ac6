using System;
using System.Collections.Generic;
using System.Linq;

namespace OrchPatch.Pack.Wix;

/// <summary>
/// The Orchestrator versions one MSI is built for. Orchestrator 2022 "is now a 64-bit application" and its release
/// notes say "System Center Orchestrator 2019 IPs aren't supported on System Center Orchestrator 2022"
/// (docs/orchestrator-facts.md), so there are two packs: a 32-bit one for 2012 to 2019, installed in
/// <c>C:\Program Files (x86)\</c> as the 2012-2019 toolkit's own folders are, and a 64-bit one for 2022, installed
/// in <c>C:\Program Files\</c> with 64-bit components.
/// </summary>
/// <remarks>Immutable; the two values are <see cref="Orchestrator2019"/> and <see cref="Orchestrator2022"/>.</remarks>
public sealed class MsiTarget
{
    /// <summary>Orchestrator 2012, 2012 SP1, 2012 R2, 2016 and 2019: x86 package, <c>ProgramFilesFolder</c>.</summary>
    public static readonly MsiTarget Orchestrator2019 = new("2019", "SCO2012-2019", "Orchestrator 2012 to 2019", is64Bit: false);

    /// <summary>Orchestrator 2022: x64 package (<c>wixl -a x64</c>, <c>candle -arch x64</c>), <c>ProgramFiles64Folder</c>, Win64 components.</summary>
    public static readonly MsiTarget Orchestrator2022 = new("2022", "SCO2022", "Orchestrator 2022", is64Bit: true);

    private MsiTarget(string key, string fileTag, string versions, bool is64Bit)
    {
        Key = key;
        FileTag = fileTag;
        Versions = versions;
        Is64Bit = is64Bit;
    }

    /// <summary>Both targets, 2012-2019 first.</summary>
    public static IReadOnlyList<MsiTarget> All { get; } = new[] { Orchestrator2019, Orchestrator2022 };

    /// <summary>The name on the command line (<c>--target 2019|2022</c>).</summary>
    public string Key { get; }

    /// <summary>What the artifact's file name says: <c>SCO2012-2019</c> or <c>SCO2022</c>.</summary>
    public string FileTag { get; }

    /// <summary>The Orchestrator versions, for people: "Orchestrator 2012 to 2019".</summary>
    public string Versions { get; }

    /// <summary>Whether the package and its components are 64-bit.</summary>
    public bool Is64Bit { get; }

    /// <summary>The architecture wixl's <c>-a</c> and candle's <c>-arch</c> take: <c>x86</c> or <c>x64</c>.</summary>
    public string Architecture => Is64Bit ? "x64" : "x86";

    /// <summary>The Windows Installer folder property the product folder sits in.</summary>
    public string ProgramFilesFolderId => Is64Bit ? "ProgramFiles64Folder" : "ProgramFilesFolder";

    /// <summary>That folder on a 64-bit Windows Server, as a runbook stores it.</summary>
    public string ProgramFilesPath => Is64Bit ? @"C:\Program Files" : @"C:\Program Files (x86)";

    /// <summary>The values <see cref="Find"/> knows, for error messages.</summary>
    public const string Choices = "2019 (Orchestrator 2012 to 2019, x86) or 2022 (Orchestrator 2022, x64)";

    /// <summary>The target named <c>2019</c> or <c>2022</c>.</summary>
    /// <param name="key">The command-line value.</param>
    /// <returns>The target, or null for any other value.</returns>
    public static MsiTarget? Find(string key) => All.FirstOrDefault(t => string.Equals(t.Key, key, StringComparison.Ordinal));

    /// <inheritdoc/>
    public override string ToString() => Key;
}
