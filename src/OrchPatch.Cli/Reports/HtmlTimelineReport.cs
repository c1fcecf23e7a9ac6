using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using OrchPatch.Core.Maintenance;
using OrchPatch.Lab;
using OrchPatch.Simulator.Metrics;
using OrchPatch.Simulator.Scenarios;

namespace OrchPatch.Cli.Reports;

/// <summary>
/// The demo's report: one self-contained HTML page (inline style and script, nothing loaded from elsewhere) with the
/// summary table, what its terms mean, a timeline with one lane per server (its phase as a band, every job run on it
/// as a bar, long bars labelled with their runbook) and a chart of the farm's capacity over the same time axis. The
/// pictures scale to the browser's width (SVG viewBox). All text from the farm is HTML-escaped; the capacity chart is
/// drawn by the page's script from numbers only, so nothing from the farm reaches the script.
/// </summary>
internal static class HtmlTimelineReport
{
    private const int Left = 70;
    private const int Width = 1100;
    private const int BandHeight = 14;
    private const int RowHeight = 8;
    private const int MaxRows = 24;
    private const int LaneGap = 18;

    // A bar this wide (in viewBox units, about 4.5 per character at the label's size) has room for a readable name.
    private const double LabelledBarWidth = 60;
    private const double CharacterWidth = 4.5;

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

    /// <summary>The terms of the table and the pictures, in the order the page explains them.</summary>
    private static readonly IReadOnlyList<(string Term, string Meaning)> Terms = new[]
    {
        ("Drain", "from the drain's start (the wait job pinned to the server, max jobs set to 1) until only the wait job runs there."),
        ("Lower bound", "when the last job already running on the server at the drain's start actually ended: no drain that loses no job can end sooner, so a drain close to its lower bound waited for nothing but the work itself."),
        ("Finished during drain", "ordinary jobs that ran to their end on the server while it drained (none was stopped)."),
        ("Monitors moved", "monitor runbooks restarted on another server at the drain's start, because a monitor never ends by itself."),
        ("Monitor gap", "the longest time one moved monitor was running nowhere: from its job's stop on this server until its copy ran elsewhere."),
        ("Interrupted", "ordinary jobs stopped before their end (canceled, or killed by the patch's reboot): work lost. The engine's target is 0."),
        ("Patched", "drained, patched, through the health gate and taking work again."),
        ("Servers accepting work", "servers online with a slot beyond their wait jobs: the ones new jobs can land on. At least one, always."),
        ("Free slots", "jobs the servers accepting work could still start: their max jobs minus the jobs running on them."),
    };

    // Plain DOM calls, no library: the page must open from a file on a jump box with no network.
    private const string CapacityScript = """
        (function () {
          var data = JSON.parse(document.getElementById('capacity-data').textContent);
          var ns = 'http://www.w3.org/2000/svg', height = 170, top = 12, bottom = 150;
          var svg = document.createElementNS(ns, 'svg');
          svg.setAttribute('id', 'capacity-chart');
          svg.setAttribute('viewBox', '0 0 ' + (data.left + data.width + 70) + ' ' + height);
          svg.setAttribute('role', 'img');
          svg.setAttribute('aria-label', 'capacity over time');
          var most = function (i) { return Math.max(1, Math.max.apply(null, data.points.map(function (p) { return p[i]; }))); };
          var x = function (t) { return data.left + Math.min(Math.max(t, 0), data.span) / data.span * data.width; };
          var add = function (name, attributes, text) {
            var element = document.createElementNS(ns, name);
            Object.keys(attributes).forEach(function (k) { element.setAttribute(k, attributes[k]); });
            if (text !== undefined) { element.textContent = text; }
            svg.appendChild(element);
            return element;
          };
          var line = function (index, colour, cssClass) {
            var scale = most(index), y = function (v) { return bottom - v / scale * (bottom - top); };
            // Steps: each value holds until the next point's time, so the line runs flat, then jumps.
            var d = data.points.map(function (p, i) {
              return (i === 0 ? 'M' + x(p[0]).toFixed(1) + ' ' : 'H' + x(p[0]).toFixed(1) + ' V') + y(p[index]).toFixed(1);
            }).join(' ');
            add('path', { 'class': cssClass, d: d, fill: 'none', stroke: colour, 'stroke-width': 1.5 });
            return scale;
          };
          add('line', { x1: data.left, y1: bottom, x2: data.left + data.width, y2: bottom, stroke: '#999' });
          var servers = line(1, '#1e8449', 'servers-accepting-work');
          var slots = line(2, '#2e86c1', 'free-slots');
          add('text', { x: data.left - 6, y: top + 4, 'font-size': 10, 'text-anchor': 'end' }, servers + ' servers');
          add('text', { x: data.left - 6, y: bottom, 'font-size': 10, 'text-anchor': 'end' }, '0');
          add('text', { x: data.left + data.width + 4, y: top + 4, 'font-size': 10 }, slots + ' slots');
          add('text', { x: data.left + data.width + 4, y: bottom, 'font-size': 10 }, '0');
          document.getElementById('capacity').appendChild(svg);
          document.body.setAttribute('data-rendered', 'capacity');
          document.body.setAttribute('data-scroll-width', String(document.documentElement.scrollWidth));
          document.body.setAttribute('data-client-width', String(document.documentElement.clientWidth));
        })();

        """;

    public static string Render(MaintenanceReport report, string scenarioName, string summary)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>orchpatch demo: ")
            .Append(E(scenarioName)).Append("</title>\n<style>\n")
            .Append("body{font-family:system-ui,sans-serif;margin:1em 2%;color:#222;max-width:1400px}")
            .Append(".scroll{overflow-x:auto}table{border-collapse:collapse;margin:1em 0}")
            .Append("th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}th:first-child,td:first-child{text-align:left}")
            .Append("svg{display:block;width:100%;height:auto}dt{font-weight:600}dd{margin:0 0 .5em 1.5em}")
            .Append(".legend span{display:inline-block;width:14px;height:10px;margin:0 4px 0 12px;vertical-align:middle}\n")
            .Append("</style>\n</head>\n<body>\n");
        html.Append("<h1>orchpatch demo: rolling patch of a simulated farm (").Append(E(scenarioName)).Append(")</h1>\n");
        html.Append("<p>").Append(E(summary)).Append("</p>\n");
        html.Append("<p>Maintenance from ").Append(E(Time(report.StartedAt))).Append(" to ").Append(E(Time(report.FinishedAt)))
            .Append(" (simulated UTC), window ").Append(E(Durations.Format(report.Window))).Append(".</p>\n");
        AppendTable(html, report);
        AppendTerms(html);
        AppendLegend(html);
        AppendTimeline(html, report);
        AppendCapacity(html, report);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendTable(StringBuilder html, MaintenanceReport report)
    {
        html.Append("<div class=\"scroll\"><table>\n<tr><th>Server</th><th>Drain</th><th>Lower bound</th><th>Finished during drain</th><th>Monitors moved</th><th>Monitor gap</th><th>Interrupted</th><th>Patched</th></tr>\n");
        foreach (var s in report.Servers)
        {
            html.Append("<tr><td>").Append(E(s.Server)).Append("</td><td>").Append(E(Durations.Format(s.DrainTime)))
                .Append("</td><td>").Append(E(Durations.Format(s.LowerBound))).Append("</td><td>").Append(s.JobsFinishedDuringDrain)
                .Append("</td><td>").Append(s.MonitorsMoved).Append("</td><td>").Append(E(s.MonitorsMoved > 0 ? Durations.Format(s.WorstMonitorGap) : "-"))
                .Append("</td><td>").Append(s.JobsInterrupted).Append("</td><td>").Append(s.Patched ? "yes" : "no").Append("</td></tr>\n");
        }

        html.Append("</table></div>\n");
    }

    private static void AppendTerms(StringBuilder html)
    {
        html.Append("<h2>What the figures mean</h2>\n<dl id=\"terms\">\n");
        foreach (var (term, meaning) in Terms)
        {
            html.Append("<dt>").Append(E(term)).Append("</dt><dd>").Append(E(meaning)).Append("</dd>\n");
        }

        html.Append("</dl>\n");
    }

    private static void AppendLegend(StringBuilder html)
    {
        html.Append("<h2>Timeline</h2>\n<p class=\"legend\">Server phase:");
        foreach (var (phase, colour) in PhaseColours)
        {
            html.Append("<span style=\"background:").Append(colour).Append("\"></span>").Append(E(phase.ToString().ToLowerInvariant()));
        }

        html.Append("<br>Job bars:");
        foreach (var (kind, colour) in KindColours)
        {
            html.Append("<span style=\"background:").Append(colour).Append("\"></span>").Append(E(kind.ToString().ToLowerInvariant()));
        }

        html.Append("<br>A bar long enough is labelled with its runbook's name; every bar's tooltip gives its path, times and how it ended.</p>\n");
    }

    private static void AppendTimeline(StringBuilder html, MaintenanceReport report)
    {
        var from = report.StartedAt;
        var span = Span(report);
        double X(DateTimeOffset t) => Left + (Math.Clamp((t - from).TotalSeconds, 0, span) / span * Width);

        var lanes = report.Servers.Select(s => (Server: s, Rows: Pack(report.JobBars.Where(b => string.Equals(b.Server, s.Server, StringComparison.OrdinalIgnoreCase)).ToList()))).ToList();
        var height = 30 + lanes.Sum(l => BandHeight + (Math.Max(1, l.Rows.Count) * RowHeight) + LaneGap);
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg id=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Left + Width + 20} {height}\" role=\"img\" aria-label=\"timeline\">\n"));
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
                    var width = Math.Max(0.8, X(bar.To) - X(bar.From));
                    svg.Append(Invariant($"<rect x=\"{X(bar.From):0.#}\" y=\"{rowY}\" width=\"{width:0.#}\" height=\"{RowHeight - 1}\" fill=\"{KindColours[bar.Kind]}\">"))
                        .Append("<title>").Append(E($"{bar.RunbookPath} on {bar.Server}: {Time(bar.From)}-{Time(bar.To)}, {bar.Ending}")).Append("</title></rect>\n");
                    if (width >= LabelledBarWidth)
                    {
                        svg.Append(Invariant($"<text class=\"bar-label\" x=\"{X(bar.From) + 2:0.#}\" y=\"{rowY + RowHeight - 2}\" font-size=\"7\" fill=\"#fff\">"))
                            .Append(E(Label(bar.RunbookPath, width))).Append("</text>\n");
                    }
                }

                rowY += RowHeight;
            }

            y += BandHeight + (Math.Max(1, rows.Count) * RowHeight) + LaneGap;
        }

        svg.Append("</svg>\n");
        html.Append(svg);
    }

    /// <summary>The capacity chart: the numbers go into the page as JSON, and its script draws two step lines on the
    /// timeline's time axis (servers accepting work against the left scale, free slots against the right one). The
    /// script then records that it drew and how wide the page laid out, which a browser test reads back.</summary>
    private static void AppendCapacity(StringBuilder html, MaintenanceReport report)
    {
        html.Append("<h2>Capacity</h2>\n<p class=\"legend\"><span style=\"background:#1e8449\"></span>servers accepting work (left scale)")
            .Append("<span style=\"background:#2e86c1\"></span>free slots (right scale), over the same time as the timeline.</p>\n")
            .Append("<div id=\"capacity\"><noscript>The capacity chart needs scripts; ")
            .Append(E(report.FewestServersAcceptingWork.ToString(CultureInfo.InvariantCulture))).Append(" servers accepted work at the fewest.</noscript></div>\n");
        var points = string.Join(",", report.Capacity.Select(p => Invariant($"[{(p.Time - report.StartedAt).TotalSeconds:0.###},{p.ServersAcceptingWork},{p.FreeSlots}]")));
        html.Append(Invariant($"<script type=\"application/json\" id=\"capacity-data\">{{\"left\":{Left},\"width\":{Width},\"span\":{Span(report):0.###},\"points\":[")).Append(points).Append("]}</script>\n");
        html.Append("<script>\n").Append(CapacityScript).Append("</script>\n");
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

    /// <summary>The runbook's name (the last part of its path), cut to what fits in the bar.</summary>
    internal static string Label(string runbookPath, double barWidth)
    {
        var name = runbookPath.TrimEnd('\\');
        name = name.Substring(name.LastIndexOf('\\') + 1);
        var fits = Math.Max(1, (int)((barWidth - 4) / CharacterWidth));
        return name.Length <= fits ? name : name.Substring(0, Math.Max(1, fits - 1)) + "\u2026";
    }

    private static double Span(MaintenanceReport report) => Math.Max(1, (report.FinishedAt - report.StartedAt).TotalSeconds);

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
