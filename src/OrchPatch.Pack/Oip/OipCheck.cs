using System;
using System.Collections.Generic;
using System.Linq;
using OrchPatch.Pack.Definition;

namespace OrchPatch.Pack.Oip;

/// <summary>
/// Checks a wizard-built .oip against the pack definition: a ZIP with one .CAP, an .MSI and the EULA, and every activity
/// of the definition registered by name. Whether the class names appear in the .CAP is reported as a note only: where
/// the wizard stores them is not public (docs/orchestrator-facts.md#the-integration-pack).
/// </summary>
public static class OipCheck
{
    /// <summary>Checks the package.</summary>
    /// <param name="pack">The pack definition.</param>
    /// <param name="package">The opened .oip.</param>
    /// <returns>Problems (the .oip is not the pack) and notes.</returns>
    public static OipCheckResult Check(PackDefinition pack, OipPackage package)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(package);
        var problems = new List<string>();
        var notes = new List<string>();
        if (!package.Entries.Any(e => e.EndsWith(".msi", StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add("it holds no .MSI (Deployment Manager installs the activities from it).");
        }

        if (!package.Entries.Any(e => e.EndsWith(".eula", StringComparison.OrdinalIgnoreCase) || e.EndsWith(".rtf", StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add("it holds no EULA (.EULA or .rtf); registration shows it and requires acceptance.");
        }

        var names = package.ObjectTypesByName;
        foreach (var activity in pack.Activities)
        {
            if (!names.ContainsKey(activity.DisplayName))
            {
                problems.Add($"its {package.CapEntry} registers no activity '{activity.DisplayName}' ({activity.FullClassName}).");
            }
        }

        var unknown = names.Keys.Where(n => !pack.Activities.Any(a => a.DisplayName == n)).ToArray();
        if (unknown.Length > 0)
        {
            notes.Add($"{package.CapEntry} also registers {string.Join(", ", unknown.Select(u => "'" + u + "'"))}, which the pack definition does not list.");
        }

        var classes = pack.Activities.Where(a => package.CapText.Contains(a.FullClassName, StringComparison.Ordinal)).ToArray();
        notes.Add(classes.Length == pack.Activities.Count
            ? $"every activity class is named in {package.CapEntry}."
            : $"{classes.Length} of {pack.Activities.Count} activity classes are named in {package.CapEntry} (where the wizard records classes is not public; the activities were matched by name).");
        return new OipCheckResult(problems, notes);
    }
}

/// <summary>The outcome of <see cref="OipCheck.Check"/>.</summary>
/// <param name="Problems">What makes the .oip unusable for this pack; empty when it passed.</param>
/// <param name="Notes">Information that does not fail the check.</param>
public sealed record OipCheckResult(IReadOnlyList<string> Problems, IReadOnlyList<string> Notes)
{
    /// <summary>Whether the .oip passed.</summary>
    public bool Passed => Problems.Count == 0;
}
