using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace OrchPatch.Core.Maintenance;

/// <summary>
/// The runbooks a user has marked restartable: wildcard patterns on the runbook path (<c>*</c> any characters,
/// <c>?</c> one), case-insensitive, for example <c>\Ops\Reports\*</c> or <c>*Sync*</c>. Relocating a job restarts it
/// from the beginning, so only these may be moved at the deadline.
/// </summary>
public sealed class RestartablePatterns
{
    private readonly Regex[] _patterns;

    /// <summary>Creates the set.</summary>
    /// <param name="patterns">The patterns; empty ones are ignored.</param>
    public RestartablePatterns(IEnumerable<string> patterns)
    {
        Patterns = patterns.Select(p => p.Trim()).Where(p => p.Length > 0).ToArray();
        _patterns = Patterns.Select(ToRegex).ToArray();
    }

    /// <summary>No runbook is restartable.</summary>
    public static RestartablePatterns None { get; } = new(Array.Empty<string>());

    /// <summary>The patterns as given.</summary>
    public IReadOnlyList<string> Patterns { get; }

    /// <summary>Parses "a;b" or one pattern per line.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The set.</returns>
    public static RestartablePatterns Parse(string? text) =>
        string.IsNullOrWhiteSpace(text) ? None : new RestartablePatterns(text!.Split(new[] { ';', '\n', '\r' }, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Whether a runbook path matches a pattern.</summary>
    /// <param name="runbookPath">The path.</param>
    /// <returns>True when restartable.</returns>
    public bool Matches(string runbookPath) => _patterns.Any(p => p.IsMatch(runbookPath));

    /// <inheritdoc />
    public override string ToString() => Patterns.Count == 0 ? "(none)" : string.Join("; ", Patterns);

    private static Regex ToRegex(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace(@"\*", ".*").Replace(@"\?", ".") + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
