using System;
using System.Collections.Generic;
using System.Linq;
using OrchPatch.Pack.Definition;
using OrchPatch.Pack.Export;

namespace OrchPatch.Pack.Samples;

/// <summary>
/// Generates the sample runbooks that patch Orchestrator itself ("1: Patch Orchestrator", "3: PatchServer",
/// "4: WaitRunbook", "7: Run Patch") as one runbook export, <c>PatchRunbook.ois_export</c>. One file, so every Invoke
/// Runbook target is inside it and one import brings all four. Ids are name-based and dates fixed: the same pack
/// definition, activity types and connection name always give the same bytes.
/// </summary>
public static class PatchRunbookSamples
{
    /// <summary>The time written on every runbook and activity (the samples' fixed creation date), 2026-01-01 UTC.</summary>
    public static readonly DateTimeOffset Timestamp = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Generates the export.</summary>
    /// <param name="pack">The pack definition (names, parameters, scripts, activity contract).</param>
    /// <param name="types">The activity type GUIDs to use (the pack's own, or a wizard-built .oip's).</param>
    /// <param name="connectionName">The Options-menu entry the activities use; the admin creates an entry of this name.</param>
    /// <returns>The file name and its bytes.</returns>
    /// <exception cref="ArgumentException">The connection name is blank or has control characters.</exception>
    public static SampleExport Generate(PackDefinition pack, ActivityTypes types, string connectionName)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(types);
        if (string.IsNullOrWhiteSpace(connectionName) || connectionName.Any(char.IsControl) || connectionName.Trim() != connectionName)
        {
            throw new ArgumentException($"The connection name must be the name of an Options-menu entry: not blank, no control characters, no leading or trailing spaces; got '{connectionName}'.", nameof(connectionName));
        }

        var folder = new PatchRunbooks(pack, types, connectionName).Build();
        var bytes = new OisExportWriter(Timestamp).Write(folder);
        return new SampleExport(ArtifactNames.Runbooks(pack), bytes, folder.Runbooks.Select(r => r.Name).ToArray());
    }
}

/// <summary>A generated runbook export.</summary>
/// <param name="FileName">Its file name ("PatchRunbook.ois_export").</param>
/// <param name="Content">Its bytes.</param>
/// <param name="Runbooks">The runbooks it holds.</param>
public sealed record SampleExport(string FileName, ReadOnlyMemory<byte> Content, IReadOnlyList<string> Runbooks);
