using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using OrchPatch.Pack.Definition;
using OrchPatch.Pack.Samples;

namespace OrchPatch.Pack.Bundle;

/// <summary>
/// The zip for immediate use through the Integration Toolkit's Invoke .NET activity, without registering the pack:
/// the net472 assemblies, the two MSIs that install them (Orchestrator 2012-2019 and 2022), the sample runbooks,
/// optionally the win-x64 <c>orchpatch.exe</c>, and GUIDE.md, which names no file outside the zip. Entries carry a
/// fixed date, so the same inputs give the same zip.
/// </summary>
public static class InvokeDotNetBundle
{
    /// <summary>The guide's file name inside the zip.</summary>
    public const string GuideFile = "GUIDE.md";

    /// <summary>The name of the command line inside the zip, when it is bundled.</summary>
    public const string CliFile = "orchpatch.exe";

    /// <summary>Writes the bundle.</summary>
    /// <param name="pack">The pack definition.</param>
    /// <param name="assemblyDirectory">The net472 build output.</param>
    /// <param name="msi2019Path">The built MSI for Orchestrator 2012 to 2019 (x86).</param>
    /// <param name="msi2022Path">The built MSI for Orchestrator 2022 (x64).</param>
    /// <param name="runbooks">The sample runbooks.</param>
    /// <param name="cliPath">The self-contained win-x64 <c>orchpatch.exe</c>, or null where it was not built (the guide then names no such file).</param>
    /// <param name="zipPath">The zip to write (replaced if it exists).</param>
    /// <exception cref="FileNotFoundException">An assembly, an MSI or the given executable is missing.</exception>
    public static void Write(PackDefinition pack, string assemblyDirectory, string msi2019Path, string msi2022Path, SampleExport runbooks, string? cliPath, string zipPath)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(runbooks);
        var inputs = pack.Assembly.ShippedFiles.Select(f => Path.Combine(assemblyDirectory, f)).Append(msi2019Path).Append(msi2022Path);
        var missing = (cliPath is null ? inputs : inputs.Append(cliPath)).Where(f => !File.Exists(f)).ToArray();
        if (missing.Length > 0)
        {
            throw new FileNotFoundException("Cannot bundle: missing " + string.Join(", ", missing) + ".");
        }

        File.Delete(zipPath);
        using var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create);
        foreach (var file in pack.Assembly.ShippedFiles)
        {
            Add(zip, "assemblies/" + file, File.ReadAllBytes(Path.Combine(assemblyDirectory, file)));
        }

        Add(zip, Path.GetFileName(msi2019Path), File.ReadAllBytes(msi2019Path));
        Add(zip, Path.GetFileName(msi2022Path), File.ReadAllBytes(msi2022Path));
        Add(zip, "runbooks/" + runbooks.FileName, runbooks.Content.ToArray());
        if (cliPath is not null)
        {
            Add(zip, CliFile, File.ReadAllBytes(cliPath));
        }

        var guide = InvokeDotNetGuide.Write(pack, Path.GetFileName(msi2019Path), Path.GetFileName(msi2022Path), runbooks.FileName, cliPath is null ? null : CliFile);
        Add(zip, GuideFile, Encoding.UTF8.GetBytes(guide));
    }

    private static void Add(ZipArchive zip, string name, byte[] content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = PatchRunbookSamples.Timestamp;
        using var stream = entry.Open();
        stream.Write(content);
    }
}
