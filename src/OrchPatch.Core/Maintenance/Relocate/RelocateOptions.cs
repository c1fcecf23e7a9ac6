using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using OrchPatch.Core.Utils;

namespace OrchPatch.Core.Maintenance;

/// <summary>Which jobs to move.</summary>
public enum JobSelectionKind
{
    /// <summary>Every job on the server except the wait job and children whose parent waits for them.</summary>
    All,

    /// <summary>Monitors only.</summary>
    MonitorsOnly,

    /// <summary>The listed jobs.</summary>
    JobIds,
}

/// <summary>A selection of jobs to move.</summary>
/// <param name="Kind">Which.</param>
/// <param name="JobIds">For <see cref="JobSelectionKind.JobIds"/>, the jobs.</param>
public sealed record JobSelection(JobSelectionKind Kind, IReadOnlyList<Guid> JobIds)
{
    /// <summary>Every job.</summary>
    public static JobSelection All { get; } = new(JobSelectionKind.All, Array.Empty<Guid>());

    /// <summary>Monitors only.</summary>
    public static JobSelection MonitorsOnly { get; } = new(JobSelectionKind.MonitorsOnly, Array.Empty<Guid>());

    /// <summary>Parses "All", "Monitors Only", or job ids separated by ';', ',' or spaces.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The selection.</returns>
    /// <exception cref="ArgumentException">The text is none of these; the message says what is accepted.</exception>
    public static JobSelection Parse(string? text)
    {
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length == 0 || trimmed.Equals("All", StringComparison.OrdinalIgnoreCase))
        {
            return All;
        }

        var compact = trimmed.Replace(" ", string.Empty).Replace("-", string.Empty);
        if (compact.Equals("MonitorsOnly", StringComparison.OrdinalIgnoreCase) || compact.Equals("Monitors", StringComparison.OrdinalIgnoreCase))
        {
            return MonitorsOnly;
        }

        var ids = new List<Guid>();
        foreach (var part in trimmed.Split(new[] { ';', ',', ' ', '\n', '\r', '\t' }, StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Guid.TryParse(part.Trim('{', '}'), out var id))
            {
                throw new ArgumentException($"Jobs must be 'All', 'Monitors Only', or job ids separated by ';'; '{part}' is none of these.", nameof(text));
            }

            ids.Add(id);
        }

        return new JobSelection(JobSelectionKind.JobIds, ids.Distinct().ToArray());
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        JobSelectionKind.All => "all jobs",
        JobSelectionKind.MonitorsOnly => "monitors only",
        _ => string.Join(", ", JobIds.Select(i => i.ToString("D", CultureInfo.InvariantCulture))),
    };
}

/// <summary>How to move jobs off a server.</summary>
public sealed class RelocateOptions
{
    /// <summary>Which jobs.</summary>
    /// <value>The default value is <see cref="JobSelection.All"/>.</value>
    public JobSelection Selection { get; set; } = JobSelection.All;

    /// <summary>The servers the jobs may go to; empty for every other server not in maintenance.</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyList<string> Targets { get; set; } = Array.Empty<string>();
}

/// <summary>The result of moving jobs. Immutable.</summary>
public sealed record RelocateResult
{
    /// <summary>The server the jobs came from.</summary>
    public string Server { get; init; } = string.Empty;

    /// <summary>The jobs moved.</summary>
    public IReadOnlyList<RelocatedJob> Moved { get; init; } = Array.Empty<RelocatedJob>();

    /// <summary>The jobs left where they are, with the reason.</summary>
    public IReadOnlyList<string> Skipped { get; init; } = Array.Empty<string>();

    /// <summary>One paragraph for people.</summary>
    /// <returns>The summary.</returns>
    public string Summary() =>
        $"Moved {Plural.Of(Moved.Count, "job")} off {Server}" +
        (Moved.Count > 0 ? ": " + string.Join(", ", Moved.Select(m => $"{m.RunbookPath} -> {m.NewServer ?? "pending"}")) : string.Empty) + "." +
        (Skipped.Count > 0 ? " Left in place: " + string.Join("; ", Skipped) + "." : string.Empty);
}
