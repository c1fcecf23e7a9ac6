using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using OrchPatch.Cli.Infrastructure;
using OrchPatch.Lab;
using OrchPatch.Simulator.Scenarios;
using OrchPatch.Core.Maintenance;

namespace OrchPatch.Cli.Reports;

/// <summary>The demo's report: one self-contained HTML page (no scripts, no external files) with the summary table and
/// an inline SVG timeline, one lane per server: its phase (normal, draining, patching, restoring) as a band, and every
/// job run on it as a bar. All text is HTML-escaped.</summary>
internal static class HtmlTimelineReport
{
    private const int Left = 70;
    private const int Width = 1100;
    private const int BandHeight = 14;
    private const int RowHeight = 5;
    private const int MaxRows = 24;
    private const int LaneGap = 18;

    private static readonly IReadOnlyDictionary<LabPhase, string> PhaseColours = new Dictionary<LabPhase, string>
    {
        [LabPhase.Normal] = "#cfe8cf",
        [LabPhase.Draining] = "#ffd27f",
        [LabPhase.Patching] = "#f28b82",
        [LabPhase.Restoring] = "#9ecbff",
    };

    private static readonly IReadOnlyDictionary<RunbookKind, string> KindColours = new Dictionary<RunbookKind, string>
    {
        [RunbookKind.Ordinary] = "#5f7f9f",
        [RunbookKind.Monitor] = "#8e44ad",
        [RunbookKind.Wait] = "#333333",
        [RunbookKind.Canary] = "#1e8449",
    };

    public static string Render(MaintenanceReport report, string scenarioName, string summary)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>orchpatch demo: ")
            .Append(E(scenarioName)).Append("</title>\n<style>\n")
            .Append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}")
            .Append("th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}th:first-child,td:first-child{text-align:left}")
            .Append(".legend span{display:inline-block;width:14px;height:10px;margin:0 4px 0 12px;vertical-align:middle}\n")
            .Append("</style>\n</head>\n<body>\n");
        html.Append("<h1>orchpatch demo: rolling patch of a simulated farm (").Append(E(scenarioName)).Append(")</h1>\n");
        html.Append("<p>").Append(E(summary)).Append("</p>\n");
        html.Append("<p>Maintenance from ").Append(E(Time(report.StartedAt))).Append(" to ").Append(E(Time(report.FinishedAt)))
            .Append(" (simulated UTC), window ").Append(E(Durations.Format(report.Window))).Append(".</p>\n");
        AppendTable(html, report);
        AppendLegend(html);
        AppendTimeline(html, report);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendTable(StringBuilder html, MaintenanceReport report)
    {
        html.Append("<table>\n<tr><th>Server</th><th>Drain</th><th>Lower bound</th><th>Finished during drain</th><th>Monitors moved</th><th>Monitor gap</th><th>Interrupted</th><th>Patched</th></tr>\n");
        foreach (var s in report.Servers)
        {
            html.Append("<tr><td>").Append(E(s.Server)).Append("</td><td>").Append(E(Durations.Format(s.DrainTime)))
                .Append("</td><td>").Append(E(Durations.Format(s.LowerBound))).Append("</td><td>").Append(s.JobsFinishedDuringDrain)
                .Append("</td><td>").Append(s.MonitorsMoved).Append("</td><td>").Append(E(s.MonitorsMoved > 0 ? Durations.Format(s.WorstMonitorGap) : "-"))
                .Append("</td><td>").Append(s.JobsInterrupted).Append("</td><td>").Append(s.Patched ? "yes" : "no").Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void AppendLegend(StringBuilder html)
    {
        html.Append("<p class=\"legend\">Server phase:");
        foreach (var (phase, colour) in PhaseColours)
        {
            html.Append("<span style=\"background:").Append(colour).Append("\"></span>").Append(E(phase.ToString().ToLowerInvariant()));
        }

        html.Append("<br>Job bars:");
        foreach (var (kind, colour) in KindColours)
        {
            html.Append("<span style=\"background:").Append(colour).Append("\"></span>").Append(E(kind.ToString().ToLowerInvariant()));
        }

        html.Append("</p>\n");
    }

    private static void AppendTimeline(StringBuilder html, MaintenanceReport report)
    {
        var from = report.StartedAt;
        var span = Math.Max(1, (report.FinishedAt - from).TotalSeconds);
        double X(DateTimeOffset t) => Left + (Math.Clamp((t - from).TotalSeconds, 0, span) / span * Width);

        var lanes = report.Servers.Select(s => (Server: s, Rows: Pack(report.JobBars.Where(b => string.Equals(b.Server, s.Server, StringComparison.OrdinalIgnoreCase)).ToList()))).ToList();
        var height = 30 + lanes.Sum(l => BandHeight + (Math.Max(1, l.Rows.Count) * RowHeight) + LaneGap);
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Left + Width + 20}\" height=\"{height}\" role=\"img\" aria-label=\"timeline\">\n"));
        AppendAxis(svg, from, span, height);
        var y = 24;
        foreach (var (server, rows) in lanes)
        {
            svg.Append(Invariant($"<text x=\"4\" y=\"{y + 11}\" font-size=\"12\">")).Append(E(server.Server)).Append("</text>\n");
            foreach (var phase in server.Phases)
            {
                svg.Append(Invariant($"<rect x=\"{X(phase.From):0.#}\" y=\"{y}\" width=\"{Math.Max(0.5, X(phase.To) - X(phase.From)):0.#}\" height=\"{BandHeight}\" fill=\"{PhaseColours[phase.Phase]}\">"))
                    .Append("<title>").Append(E($"{server.Server}: {phase.Phase.ToString().ToLowerInvariant()} {Time(phase.From)}-{Time(phase.To)} ({Durations.Format(phase.Duration)})")).Append("</title></rect>\n");
            }

            var rowY = y + BandHeight + 2;
            foreach (var row in rows)
            {
                foreach (var bar in row)
                {
                    svg.Append(Invariant($"<rect x=\"{X(bar.From):0.#}\" y=\"{rowY}\" width=\"{Math.Max(0.8, X(bar.To) - X(bar.From)):0.#}\" height=\"{RowHeight - 1}\" fill=\"{KindColours[bar.Kind]}\">"))
                        .Append("<title>").Append(E($"{bar.RunbookPath} on {bar.Server}: {Time(bar.From)}-{Time(bar.To)}, {bar.Ending}")).Append("</title></rect>\n");
                }

                rowY += RowHeight;
            }

            y += BandHeight + (Math.Max(1, rows.Count) * RowHeight) + LaneGap;
        }

        svg.Append("</svg>\n");
        html.Append("<h2>Timeline</h2>\n").Append(svg);
    }

    private static void AppendAxis(StringBuilder svg, DateTimeOffset from, double span, int height)
    {
        var step = span > 4 * 3600 ? 3600 : span > 3600 ? 900 : 300;
        for (var t = 0; t <= span; t += step)
        {
            var x = Left + (t / span * Width);
            svg.Append(Invariant($"<line x1=\"{x:0.#}\" y1=\"14\" x2=\"{x:0.#}\" y2=\"{height}\" stroke=\"#eee\"/>"))
                .Append(Invariant($"<text x=\"{x:0.#}\" y=\"12\" font-size=\"10\" text-anchor=\"middle\">")).Append(E(Time(from.AddSeconds(t)))).Append("</text>\n");
        }
    }

    /// <summary>Greedy rows: each bar goes in the first row where it does not overlap; beyond the cap, bars share the last row.</summary>
    private static List<List<JobBar>> Pack(List<JobBar> bars)
    {
        var rows = new List<List<JobBar>>();
        var ends = new List<DateTimeOffset>();
        foreach (var bar in bars.OrderBy(b => b.From))
        {
            var row = ends.FindIndex(end => end <= bar.From);
            if (row < 0)
            {
                if (rows.Count < MaxRows)
                {
                    rows.Add(new List<JobBar>());
                    ends.Add(bar.To);
                    row = rows.Count - 1;
                }
                else
                {
                    row = rows.Count - 1;
                }
            }

            rows[row].Add(bar);
            ends[row] = bar.To > ends[row] ? bar.To : ends[row];
        }

        return rows;
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
