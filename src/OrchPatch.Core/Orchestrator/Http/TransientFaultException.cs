using System;

namespace OrchPatch.Core.Orchestrator;

/// <summary>A fault worth retrying: a timeout, a connection failure or reset, 408, 429 or 5xx. Internal: after the
/// last retry it becomes an <see cref="OrchestratorUnavailableException"/>.</summary>
internal sealed class TransientFaultException : Exception
{
    public TransientFaultException(string fault, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(fault, innerException)
    {
        Fault = fault;
        RetryAfter = retryAfter;
    }

    /// <summary>What went wrong, without secrets.</summary>
    public string Fault { get; }

    /// <summary>How long the server asked to wait (Retry-After), when it did.</summary>
    public TimeSpan? RetryAfter { get; }
}
