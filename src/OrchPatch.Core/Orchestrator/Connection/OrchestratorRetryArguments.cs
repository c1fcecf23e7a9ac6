using System;
using System.Globalization;

namespace OrchPatch.Core.Orchestrator;

/// <summary>A transient fault that will be retried: reported before the wait, so no retry is ever silent.</summary>
public readonly struct OrchestratorRetryArguments
{
    /// <summary>Creates the arguments.</summary>
    /// <param name="operation">What is being attempted, for example "list the jobs".</param>
    /// <param name="attemptNumber">The attempt that failed, from 1.</param>
    /// <param name="retryDelay">How long until the next attempt.</param>
    /// <param name="fault">What went wrong, without secrets ("503 Service Unavailable", "no answer within 100s").</param>
    public OrchestratorRetryArguments(string operation, int attemptNumber, TimeSpan retryDelay, string fault)
    {
        Operation = operation;
        AttemptNumber = attemptNumber;
        RetryDelay = retryDelay;
        Fault = fault;
    }

    /// <summary>What is being attempted.</summary>
    public string Operation { get; }

    /// <summary>The attempt that failed, from 1.</summary>
    public int AttemptNumber { get; }

    /// <summary>How long until the next attempt.</summary>
    public TimeSpan RetryDelay { get; }

    /// <summary>What went wrong.</summary>
    public string Fault { get; }

    /// <summary>For example "Could not list the jobs (attempt 1: 503 Service Unavailable); will retry after 2.5s".</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"Could not {Operation} (attempt {AttemptNumber}: {Fault}); will retry after {Seconds(RetryDelay)}";

    /// <summary>A span as short seconds for messages: "0.25s", "2.5s", "100s".</summary>
    internal static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture) + "s";
}
