using System;
using System.Globalization;
using System.IO;
using System.Linq;
using OrchPatch.Core.Maintenance;

namespace OrchPatch.Cli.Infrastructure;

/// <summary>
/// Shows the engine's progress. On a terminal, waiting is one live line rewritten in place ("RB01: 2 jobs left:
/// \Ops\Backup (running 14m), ...") and every other event a line of its own. Redirected, everything is a plain
/// timestamped log line, and a wait that says the same thing is repeated at most once a minute.
/// </summary>
internal sealed class ProgressPrinter
{
    private static readonly TimeSpan RepeatQuietWait = TimeSpan.FromMinutes(1);
    private readonly TextWriter _writer;
    private readonly bool _live;
    private readonly Func<string, string> _scrub;
    private bool _statusShown;
    private string _lastWait = string.Empty;
    private DateTimeOffset _lastWaitAt = DateTimeOffset.MinValue;

    public ProgressPrinter(TextWriter writer, bool live, Func<string, string> scrub)
    {
        _writer = writer;
        _live = live;
        _scrub = scrub;
    }

    public void Handle(MaintenanceEvent e)
    {
        // An event is one line: a line break in it came from a name read from the farm.
        var message = TerminalText.Escape(_scrub(e.Message));
        lock (_writer)
        {
            if (e.Kind == MaintenanceEventKind.Waiting)
            {
                ShowWaiting(e, message);
                return;
            }

            ClearStatus();
            var prefix = e.Kind switch
            {
                MaintenanceEventKind.Warning => "warning: ",
                MaintenanceEventKind.Retrying => "retrying: ",
                _ => string.Empty,
            };
            _writer.WriteLine(Stamp(e) + (e.Server.Length > 0 ? TerminalText.Escape(e.Server) + ": " : string.Empty) + prefix + message);
        }
    }

    /// <summary>Leaves the terminal clean before the command prints its result.</summary>
    public void Finish()
    {
        lock (_writer)
        {
            ClearStatus();
        }
    }

    private void ShowWaiting(MaintenanceEvent e, string message)
    {
        var line = (e.Server.Length > 0 ? TerminalText.Escape(e.Server) + ": " : string.Empty) + message;
        if (_live)
        {
            var width = Console.IsOutputRedirected ? 160 : Math.Max(40, SafeWidth() - 1);
            var text = e.Time.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + " " + line;
            _writer.Write("\r\u001b[2K" + (text.Length > width ? text.Substring(0, width - 3) + "..." : text));
            _writer.Flush();
            _statusShown = true;
            return;
        }

        // The same jobs still running is not news (their running times change every poll): say it once a minute.
        var key = e.Server + "|" + (e.Remaining.Count > 0 ? string.Join(",", e.Remaining.Select(r => r.JobId)) : message);
        if (key == _lastWait && e.Time - _lastWaitAt < RepeatQuietWait)
        {
            return;
        }

        _lastWait = key;
        _lastWaitAt = e.Time;
        _writer.WriteLine(Stamp(e) + line);
    }

    private void ClearStatus()
    {
        if (_statusShown)
        {
            _writer.Write("\r\u001b[2K");
            _statusShown = false;
        }
    }

    private string Stamp(MaintenanceEvent e) =>
        _live ? e.Time.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + " " : e.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) + " ";

    private static int SafeWidth()
    {
        try
        {
            return Console.WindowWidth;
        }
        catch (IOException)
        {
            return 120;
        }
    }
}
