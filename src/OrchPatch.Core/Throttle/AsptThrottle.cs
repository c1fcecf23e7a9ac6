using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using OrchPatch.Core.Utils;

namespace OrchPatch.Core.Throttle;

/// <summary>
/// Sets max jobs with aspt.exe, Orchestrator's supported tool (<c>aspt RunbookServerName MaxJobs</c>), which runs on
/// the management server. It cannot read the value, so the drain records an assumed previous value
/// (<c>AssumedMaxJobs</c>, Orchestrator's default 50).
/// </summary>
/// <remarks>aspt.exe documents that the Orchestrator Runbook Service must be restarted for a change to apply; the drain
/// warns when a job lands after the change.</remarks>
public sealed class AsptThrottle : IRunbookServerThrottle
{
    /// <summary>Where aspt.exe is by default, per Orchestrator version (docs/orchestrator-facts.md#runbook-servers-dispatch-and-the-throttle).</summary>
    public static readonly string[] DefaultPaths =
    {
        @"C:\Program Files\Microsoft System Center\Orchestrator\Management Server\aspt.exe",
        @"C:\Program Files (x86)\Microsoft System Center\Orchestrator\Management Server\aspt.exe",
        @"C:\Program Files (x86)\Microsoft System Center 2012\Orchestrator\Management Server\aspt.exe",
    };

    private static readonly Regex ComputerName = new("^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$", RegexOptions.CultureInvariant);
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;

    /// <summary>Creates the throttle.</summary>
    /// <param name="path">aspt.exe's full path.</param>
    /// <param name="time">The clock the timeout runs on.</param>
    /// <param name="timeout">How long aspt.exe may run.</param>
    public AsptThrottle(string path, TimeProvider time, TimeSpan? timeout = null)
    {
        _path = Guard.NotNullOrWhiteSpace(path);
        _time = Guard.NotNull(time);
        _timeout = timeout ?? TimeSpan.FromMinutes(1);
    }

    /// <inheritdoc />
    public string Name => "aspt.exe";

    /// <inheritdoc />
    public bool CanRead => false;

    /// <summary>aspt.exe cannot read max jobs: returns null, after checking that aspt.exe is there (so a drain stops
    /// before any change when it is not).</summary>
    /// <inheritdoc />
    public Task<int?> GetMaxJobsAsync(string serverName, CancellationToken cancellationToken = default)
    {
        CheckServerName(serverName);
        CheckPath(serverName);
        return Task.FromResult<int?>(null);
    }

    /// <inheritdoc />
    public async Task SetMaxJobsAsync(string serverName, int maxJobs, CancellationToken cancellationToken = default)
    {
        CheckServerName(serverName);
        Guard.InRange(maxJobs, ThrottleLimits.MinMaxJobs, ThrottleLimits.MaxMaxJobs);
        CheckPath(serverName);
        var arguments = serverName + " " + maxJobs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var output = new StringBuilder();
        using var process = new Process
        {
            StartInfo = new ProcessStartInfo(_path, arguments)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                CreateNoWindow = true,
            },
            EnableRaisingEvents = true,
        };
        var exited = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.Exited += (_, _) => exited.TrySetResult(true);
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new ThrottleException(Name, serverName, $"could not start {_path}: {ex.Message}; nothing was changed.", ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource();
        var finished = await Task.WhenAny(exited.Task, Clock.Delay(_time, _timeout, timeout.Token)).ConfigureAwait(false);
        timeout.Cancel();
        if (finished != exited.Task)
        {
            TryKill(process);
            throw new ThrottleException(Name, serverName, $"aspt.exe {arguments} did not finish within {(int)_timeout.TotalSeconds}s and was stopped; max jobs of {serverName} may or may not have changed. Output: {Tail(output)}");
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new ThrottleException(Name, serverName, $"aspt.exe {arguments} failed with exit code {process.ExitCode}: {Tail(output)}");
        }
    }

    private static void CheckServerName(string serverName)
    {
        if (string.IsNullOrWhiteSpace(serverName) || !ComputerName.IsMatch(serverName))
        {
            throw new ArgumentException($"'{serverName}' is not a computer name aspt.exe can be given (letters, digits, '.', '-', '_').", nameof(serverName));
        }
    }

    private void CheckPath(string serverName)
    {
        if (!File.Exists(_path))
        {
            throw new ThrottleException(Name, serverName, $"aspt.exe was not found at {_path}. It is installed with the Orchestrator management server; set the aspt.exe path (usually {DefaultPaths[0]}).");
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Tail(StringBuilder output)
    {
        string text;
        lock (output)
        {
            text = output.ToString().Trim();
        }

        text = Redaction.Scrub(text);
        return text.Length == 0 ? "(no output)" : text.Length > 500 ? "..." + text.Substring(text.Length - 500) : text;
    }

    private static void TryKill(Process process)
    {
        try
        {
            process.Kill();
        }
        catch (InvalidOperationException)
        {
            // It ended on its own meanwhile.
        }
    }
}
