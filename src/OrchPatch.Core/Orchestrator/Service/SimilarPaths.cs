using System;
using System.Collections.Generic;
using System.Linq;

namespace OrchPatch.Core.Orchestrator;

/// <summary>For "runbook not found": the existing paths most like the one asked for, same folder first, then by
/// edit distance (ignoring case), so a typo or a renamed folder shows the way out.</summary>
internal static class SimilarPaths
{
    public static IReadOnlyList<string> Rank(string wanted, IEnumerable<string> existing, int max)
    {
        var folder = Folder(wanted);
        return existing
            .Distinct(StringComparer.Ordinal)
            .OrderBy(p => string.Equals(Folder(p), folder, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .ThenBy(p => Distance(p.ToUpperInvariant(), wanted.ToUpperInvariant()))
            .ThenBy(p => p, StringComparer.Ordinal)
            .Take(max)
            .ToArray();
    }

    private static string Folder(string path)
    {
        var slash = path.LastIndexOf('\\');
        return slash <= 0 ? string.Empty : path.Substring(0, slash);
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitute, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
