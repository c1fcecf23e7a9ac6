using System;
using System.Collections.Generic;
using System.Linq;
using OrchPatch.Pack.Definition;

namespace OrchPatch.Pack.Samples;

/// <summary>
/// The activity type GUIDs the sample runbooks use for the pack's activities, and where they came from. An imported
/// runbook only works if these match the registered pack: the pack definition's own GUIDs, or those a wizard-built
/// .oip assigned (its .CAP lists them by activity name).
/// </summary>
public sealed class ActivityTypes
{
    private readonly IReadOnlyDictionary<string, Guid> _byDisplayName;

    private ActivityTypes(string source, bool fromPackDefinition, IReadOnlyDictionary<string, Guid> byDisplayName)
    {
        Source = source;
        FromPackDefinition = fromPackDefinition;
        _byDisplayName = byDisplayName;
    }

    /// <summary>Where the GUIDs came from, for the command's output ("the pack definition", "the .CAP in X.oip").</summary>
    public string Source { get; }

    /// <summary>Whether these are the pack definition's GUIDs rather than a wizard-built pack's.</summary>
    public bool FromPackDefinition { get; }

    /// <summary>The pack definition's own activity GUIDs.</summary>
    /// <param name="pack">The pack definition.</param>
    /// <returns>The types.</returns>
    public static ActivityTypes FromPack(PackDefinition pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        return new ActivityTypes("the pack definition (oip/pack.json)", true, pack.Activities.ToDictionary(a => a.DisplayName, a => a.ObjectType, StringComparer.Ordinal));
    }

    /// <summary>GUIDs read from a wizard-built pack, which must name every activity of the pack definition.</summary>
    /// <param name="pack">The pack definition.</param>
    /// <param name="source">Where they were read ("the .CAP in OrchPatchIP.oip").</param>
    /// <param name="byName">Activity GUIDs by activity name, as the .CAP lists them.</param>
    /// <returns>The types.</returns>
    /// <exception cref="ArgumentException">An activity of the pack definition is missing (the message names it and what was found).</exception>
    public static ActivityTypes FromNames(PackDefinition pack, string source, IReadOnlyDictionary<string, Guid> byName)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(byName);
        var missing = pack.Activities.Where(a => !byName.ContainsKey(a.DisplayName)).Select(a => a.DisplayName).ToArray();
        if (missing.Length > 0)
        {
            throw new ArgumentException(
                $"{source} has no activity named {string.Join(", ", missing.Select(m => "'" + m + "'"))}; it lists {(byName.Count == 0 ? "none" : string.Join(", ", byName.Keys.Select(k => "'" + k + "'")))}. " +
                "Build the pack with the display names of oip/pack.json (the wizard's Activities page must keep them).",
                nameof(byName));
        }

        return new ActivityTypes(source, false, pack.Activities.ToDictionary(a => a.DisplayName, a => byName[a.DisplayName], StringComparer.Ordinal));
    }

    /// <summary>The GUID of an activity.</summary>
    /// <param name="activity">The activity.</param>
    /// <returns>Its GUID.</returns>
    public Guid For(PackActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return _byDisplayName[activity.DisplayName];
    }
}
