using System;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Utils;

namespace OrchPatch.Cli.Infrastructure;

/// <summary>
/// The rolling patch's patch step as a command line: "{server}" is replaced by the server's name, the command runs in
/// the system shell, its exit code decides (0 = patched), and its output is kept for the report. Only exit codes
/// count (the ConfigMgr lesson: a script that prints an error but exits 0 has succeeded).
/// </summary>
internal sealed class PatchCommandStep
{
    private static readonly Regex SafeName = new("^[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant);
    private readonly string _template;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;
    private readonly Action<string, string> _onOutput;
    private readonly bool _waitInRealTime;

    public PatchCommandStep(string template, TimeProvider time, TimeSpan timeout, Action<string, string> onOutput, bool waitInRealTime = false)
    {
        if (string.IsNullOrWhiteSpace(template))
        {
            throw new UsageException("--patch-command is required: the command that patches one server, with {server} for its name, for example \"pwsh -File Patch.ps1 -ComputerName {server}\".");
        }

        if (template.IndexOf("{server}", StringComparison.OrdinalIgnoreCase) < 0)
        {
            throw new UsageException($"--patch-command must contain {{server}} (replaced by each server's name); got \"{template}\".");
        }

        _template = template;
        _time = time;
        _timeout = timeout;
        _onOutput = onOutput;
        _waitInRealTime = waitInRealTime;
    }

    public async Task<PatchStepResult> RunAsync(string server, CancellationToken cancellationToken)
    {
        if (!SafeName.IsMatch(server))
        {
            return new PatchStepResult(false, $"'{server}' is not a plain computer name; it is not put into a shell command.");
        }

        var command = Regex.Replace(_template, Regex.Escape("{server}"), server, RegexOptions.IgnoreCase);
        var start = OperatingSystem.IsWindows()
            ? new ProcessStartInfo("cmd.exe") { ArgumentList = { "/d", "/c", command } }
            : new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", command } };
        start.UseShellExecute = false;

        // The patch command needs none of orchpatch's secrets, and a script that logs its environment would show them.
        start.Environment.Remove("ORCHPATCH_PASSWORD");
        start.Environment.Remove("ORCHPATCH_CONNECTION_STRING");
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var exited = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.Exited += (_, _) => exited.TrySetResult(true);
        process.OutputDataReceived += (_, e) => Line(server, output, e.Data);
        process.ErrorDataReceived += (_, e) => Line(server, output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!await ExitsInTimeAsync(process, exited.Task, cancellationToken).ConfigureAwait(false))
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            return new PatchStepResult(false, $"{Text(output)}\nthe patch command did not finish within {Durations.Format(_timeout)} and was stopped.");
        }

        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        return process.ExitCode == 0
            ? new PatchStepResult(true, Text(output))
            : new PatchStepResult(false, $"{Text(output)}\nthe patch command exited with code {process.ExitCode}.");
    }

    private async Task<bool> ExitsInTimeAsync(Process process, Task exited, CancellationToken cancellationToken)
    {
        if (_waitInRealTime)
        {
            // The clock stands still meanwhile; the second wait lets the output events finish.
            if (!process.WaitForExit(_timeout))
            {
                return false;
            }

            process.WaitForExit();
            return true;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var finished = await Task.WhenAny(exited, Task.Delay(_timeout, _time, stop.Token)).ConfigureAwait(false);
        stop.Cancel();
        return finished == exited;
    }

    private void Line(string server, StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }

        _onOutput(server, line);
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return Redaction.Scrub(output.ToString().Trim());
        }
    }
}
