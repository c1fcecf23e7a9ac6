using System;
using System.Threading;
using System.Threading.Tasks;

namespace OrchPatch.Core.Throttle;

/// <summary>Reads and sets a runbook server's maximum number of concurrent runbooks ("max jobs").</summary>
/// <remarks>
/// The web service does not expose this limit (docs/orchestrator-facts.md#runbook-servers-dispatch-and-the-throttle): it lives in
/// <c>dbo.ACTIONSERVERS.MaxRunningPolicies</c> and is set with <c>aspt.exe</c>. Implementations:
/// <c>DatabaseThrottle</c>, <c>AsptThrottle</c> (cannot read), and the simulator's.
/// </remarks>
public interface IRunbookServerThrottle
{
    /// <summary>A short name for messages: "database", "aspt.exe", "simulator".</summary>
    string Name { get; }

    /// <summary>Whether <see cref="GetMaxJobsAsync"/> can read the current value (aspt.exe cannot).</summary>
    bool CanRead { get; }

    /// <summary>Reads a server's max jobs.</summary>
    /// <param name="serverName">The runbook server's computer name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The value, or null when this method cannot read it.</returns>
    /// <exception cref="ThrottleException">The value could not be read; the message says why.</exception>
    Task<int?> GetMaxJobsAsync(string serverName, CancellationToken cancellationToken = default);

    /// <summary>Sets a server's max jobs. Skips the write when the value is already set (where it can read).</summary>
    /// <param name="serverName">The runbook server's computer name.</param>
    /// <param name="maxJobs">The new value, 1 to 1000.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ThrottleException">The value could not be set; the message says why and that nothing changed.</exception>
    Task SetMaxJobsAsync(string serverName, int maxJobs, CancellationToken cancellationToken = default);
}

/// <summary>The throttle could not be read or set. The message names the method and the server, never a credential.</summary>
[Serializable]
public sealed class ThrottleException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="throttle">The method ("database", "aspt.exe").</param>
    /// <param name="serverName">The server.</param>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public ThrottleException(string throttle, string serverName, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Throttle = throttle;
        ServerName = serverName;
    }

    /// <summary>The method.</summary>
    public string Throttle { get; }

    /// <summary>The server.</summary>
    public string ServerName { get; }
}

/// <summary>Limits of the throttle value.</summary>
public static class ThrottleLimits
{
    /// <summary>The smallest value aspt.exe accepts (0 is probably rejected: docs/orchestrator-facts.md#runbook-servers-dispatch-and-the-throttle).</summary>
    public const int MinMaxJobs = 1;

    /// <summary>The largest value aspt.exe accepts.</summary>
    public const int MaxMaxJobs = 1000;

    /// <summary>Orchestrator's default max jobs per runbook server.</summary>
    public const int DefaultMaxJobs = 50;
}
