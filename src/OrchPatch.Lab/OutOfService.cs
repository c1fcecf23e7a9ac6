using System;
using System.Collections.Generic;
using System.Linq;

namespace OrchPatch.Lab;

/// <summary>Which servers are out of service (draining, patching or restoring) at each moment of a measured run, read
/// from their phases.</summary>
public sealed class OutOfService
{
    private readonly IReadOnlyList<(string Server, PhaseSpan Span)> _spans;

    /// <summary>Reads the servers' phases.</summary>
    /// <param name="phases">Each server's phases over the window.</param>
    public OutOfService(IReadOnlyDictionary<string, IReadOnlyList<PhaseSpan>> phases)
    {
        if (phases is null)
        {
            throw new ArgumentNullException(nameof(phases));
        }

        _spans = phases.SelectMany(p => p.Value.Where(s => s.Phase != LabPhase.Normal && s.To > s.From).Select(s => (p.Key, s))).ToList();
    }

    /// <summary>The most servers out of service at the same moment. A server back in service at the instant another
    /// leaves it is not counted with it (the phases are half-open: from their start, up to their end).</summary>
    public int MostAtOnce
    {
        get
        {
            // Per server its phases out of service are contiguous or apart; counting a server once per moment needs
            // its own stretches merged first.
            var changes = _spans.GroupBy(s => s.Server, StringComparer.OrdinalIgnoreCase)
                .SelectMany(g => Merge(g.Select(s => s.Span)))
                .SelectMany(s => new[] { (At: s.From, Step: 1), (At: s.To, Step: -1) })
                .OrderBy(c => c.At).ThenBy(c => c.Step);
            var now = 0;
            var most = 0;
            foreach (var change in changes)
            {
                now += change.Step;
                most = Math.Max(most, now);
            }

            return most;
        }
    }

    /// <summary>Of the servers out of service at <paramref name="at"/>, the one whose phase began last: a request that
    /// names no server (the servers' list, a runbook, the farm's jobs) comes from a drain's preflight or a restore, the
    /// step that has just begun, more often than from a drain that has been waiting.</summary>
    /// <param name="at">The moment.</param>
    /// <returns>The server; null when none is out of service.</returns>
    public string? LatestAt(DateTimeOffset at) =>
        _spans.Where(s => s.Span.From <= at && at < s.Span.To).OrderByDescending(s => s.Span.From).Select(s => s.Server).FirstOrDefault();

    private static IEnumerable<(DateTimeOffset From, DateTimeOffset To)> Merge(IEnumerable<PhaseSpan> spans)
    {
        (DateTimeOffset From, DateTimeOffset To)? open = null;
        foreach (var span in spans.OrderBy(s => s.From))
        {
            if (open is { } current && span.From <= current.To)
            {
                open = (current.From, span.To > current.To ? span.To : current.To);
                continue;
            }

            if (open is { } done)
            {
                yield return done;
            }

            open = (span.From, span.To);
        }

        if (open is { } last)
        {
            yield return last;
        }
    }
}
