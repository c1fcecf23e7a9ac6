using System;
using System.Collections.Generic;
using System.Linq;

namespace OrchPatch.Core.Maintenance;

/// <summary>The operation was refused before anything changed (bad input or a state that forbids it). Every reason
/// is listed; nothing was changed on the farm.</summary>
[Serializable]
public class MaintenanceRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="server">The server concerned.</param>
    /// <param name="operation">"drain", "restore", "relocate".</param>
    /// <param name="reasons">Why, one sentence each.</param>
    public MaintenanceRefusedException(string server, string operation, IReadOnlyList<string> reasons)
        : base(Describe(server, operation, reasons))
    {
        Server = server;
        Operation = operation;
        Reasons = reasons;
    }

    /// <summary>The server.</summary>
    public string Server { get; }

    /// <summary>The operation.</summary>
    public string Operation { get; }

    /// <summary>Every reason.</summary>
    public IReadOnlyList<string> Reasons { get; }

    private static string Describe(string server, string operation, IReadOnlyList<string> reasons) =>
        reasons.Count == 1
            ? $"Cannot {operation} {server}: {reasons[0]} Nothing was changed."
            : $"Cannot {operation} {server}: " + string.Join(" ", reasons.Select((r, i) => $"({i + 1}) {r}")) + " Nothing was changed.";
}

/// <summary>No runbook server has the given name: the one exception for it, whether a maintenance operation or a job
/// start (an unknown target would leave the job Pending for ever) found it; nothing was changed.</summary>
[Serializable]
public sealed class UnknownRunbookServerException : MaintenanceRefusedException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="server">The name looked up.</param>
    /// <param name="source">Where it was looked up (the web service).</param>
    /// <param name="known">The servers that exist.</param>
    /// <param name="operation">The operation ("drain", "start a job on").</param>
    public UnknownRunbookServerException(string server, string source, IReadOnlyList<string> known, string operation)
        : this(new[] { server }, source, known, operation)
    {
    }

    /// <summary>Creates the exception for several unknown names at once (a list of servers to patch).</summary>
    /// <param name="servers">The names looked up that are unknown.</param>
    /// <param name="source">Where they were looked up (the web service).</param>
    /// <param name="known">The servers that exist.</param>
    /// <param name="operation">The operation.</param>
    public UnknownRunbookServerException(IReadOnlyList<string> servers, string source, IReadOnlyList<string> known, string operation)
        : base(string.Join(", ", servers), operation, servers.Select(s => Reason(s, source, known)).ToArray())
    {
        Known = known;
    }

    /// <summary>The servers that exist.</summary>
    public IReadOnlyList<string> Known { get; }

    /// <summary>The sentence that names the unknown server and those that exist, for refusals that list several reasons.</summary>
    /// <param name="server">The name looked up.</param>
    /// <param name="source">Where it was looked up.</param>
    /// <param name="known">The servers that exist.</param>
    /// <returns>The sentence.</returns>
    public static string Reason(string server, string source, IReadOnlyList<string> known) =>
        $"Runbook server '{server}' is unknown to {source}. Runbook servers: {ServerNames.List(known)}.";
}

/// <summary>A short name matches several runbook servers; which one was meant cannot be told.</summary>
[Serializable]
public sealed class AmbiguousRunbookServerException : MaintenanceRefusedException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="server">The short name given.</param>
    /// <param name="candidates">The servers it may mean.</param>
    /// <param name="operation">The operation.</param>
    public AmbiguousRunbookServerException(string server, IReadOnlyList<string> candidates, string operation)
        : base(server, operation, new[] { $"'{server}' may mean any of {ServerNames.List(candidates)}: give the full name." })
    {
        Candidates = candidates;
    }

    /// <summary>The servers the name may mean.</summary>
    public IReadOnlyList<string> Candidates { get; }
}

/// <summary>An operation failed after it had changed something. The message says what failed and exactly what state
/// it left behind (and what to run to undo it).</summary>
[Serializable]
public class MaintenanceFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="server">The server.</param>
    /// <param name="what">What failed.</param>
    /// <param name="stateLeftBehind">The state left, for example "max jobs restored to 50; wait job canceled".</param>
    /// <param name="innerException">The cause.</param>
    public MaintenanceFailedException(string server, string what, string stateLeftBehind, Exception? innerException = null)
        : base(string.IsNullOrEmpty(stateLeftBehind) ? what : $"{what} State of {server}: {stateLeftBehind}", innerException)
    {
        Server = server;
        What = what;
        StateLeftBehind = stateLeftBehind;
    }

    /// <summary>The server.</summary>
    public string Server { get; }

    /// <summary>What failed, without the state.</summary>
    public string What { get; }

    /// <summary>What state the server was left in.</summary>
    public string StateLeftBehind { get; }
}

/// <summary>The drain could not finish by its deadline under policy Fail (or Relocate with jobs not marked
/// restartable). The server was given back as it was found.</summary>
[Serializable]
public sealed class DrainBlockedException : MaintenanceFailedException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="server">The server.</param>
    /// <param name="blockingJobs">The jobs still running at the deadline.</param>
    /// <param name="deadline">The deadline that passed.</param>
    /// <param name="wayOut">What the user can do ("mark them restartable or use DeadlinePolicy Wait").</param>
    /// <param name="stateLeftBehind">What state the server was left in.</param>
    public DrainBlockedException(string server, IReadOnlyList<JobSummary> blockingJobs, TimeSpan deadline, string wayOut, string stateLeftBehind)
        : base(server, $"Cannot drain {server} before the deadline ({Durations.Format(deadline)}): {Durations.JobsLeft(blockingJobs, 10)} ({wayOut}).", stateLeftBehind)
    {
        BlockingJobs = blockingJobs;
        Deadline = deadline;
    }

    /// <summary>The jobs still running at the deadline.</summary>
    public IReadOnlyList<JobSummary> BlockingJobs { get; }

    /// <summary>The deadline.</summary>
    public TimeSpan Deadline { get; }
}

/// <summary>The health gate failed: the server did not prove healthy in time and stays drained.</summary>
[Serializable]
public sealed class HealthGateFailedException : MaintenanceFailedException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="server">The server.</param>
    /// <param name="what">What the gate saw.</param>
    /// <param name="stateLeftBehind">The state (drained).</param>
    public HealthGateFailedException(string server, string what, string stateLeftBehind)
        : base(server, $"Health gate failed for {server}: {what}", stateLeftBehind)
    {
    }
}
