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
/// the net472 assemblies, the MSI that installs them, the sample runbooks and GUIDE.md. Entries carry a fixed date,
/// so the same inputs give the same zip.
/// </summary>
public static class InvokeDotNetBundle
{
    /// <summary>The guide's file name inside the zip.</summary>
    public const string GuideFile = "GUIDE.md";

    /// <summary>Writes the bundle.</summary>
    /// <param name="pack">The pack definition.</param>
    /// <param name="assemblyDirectory">The net472 build output.</param>
    /// <param name="msiPath">The built MSI.</param>
    /// <param name="runbooks">The sample runbooks.</param>
    /// <param name="zipPath">The zip to write (replaced if it exists).</param>
    /// <exception cref="FileNotFoundException">An assembly or the MSI is missing.</exception>
    public static void Write(PackDefinition pack, string assemblyDirectory, string msiPath, SampleExport runbooks, string zipPath)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(runbooks);
        var missing = pack.Assembly.ShippedFiles.Select(f => Path.Combine(assemblyDirectory, f)).Append(msiPath).Where(f => !File.Exists(f)).ToArray();
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

        Add(zip, Path.GetFileName(msiPath), File.ReadAllBytes(msiPath));
        Add(zip, "runbooks/" + runbooks.FileName, runbooks.Content.ToArray());
        Add(zip, GuideFile, Encoding.UTF8.GetBytes(InvokeDotNetGuide.Write(pack, Path.GetFileName(msiPath), runbooks.FileName)));
    }

    private static void Add(ZipArchive zip, string name, byte[] content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = PatchRunbookSamples.Timestamp;
        using var stream = entry.Open();
        stream.Write(content);
    }
}
