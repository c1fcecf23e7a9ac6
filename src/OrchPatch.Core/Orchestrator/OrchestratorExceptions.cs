using System;
using System.Collections.Generic;
using System.Linq;

namespace OrchPatch.Core.Orchestrator;

/// <summary>A failure talking to Orchestrator. The message names the service and what to do; it never holds a
/// password, an authorization header or a connection string.</summary>
[Serializable]
public class OrchestratorException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed and what to do.</param>
    /// <param name="serviceRoot">The service, when known.</param>
    /// <param name="statusCode">The HTTP status, when there was one.</param>
    /// <param name="innerException">The cause.</param>
    public OrchestratorException(string message, Uri? serviceRoot = null, int? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        ServiceRoot = serviceRoot;
        StatusCode = statusCode;
    }

    /// <summary>The service, when known.</summary>
    public Uri? ServiceRoot { get; }

    /// <summary>The HTTP status, when there was one.</summary>
    public int? StatusCode { get; }
}

/// <summary>401: the service refused the credentials.</summary>
[Serializable]
public sealed class OrchestratorAuthenticationException : OrchestratorException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="serviceRoot">The service.</param>
    /// <param name="account">The account used ("DOMAIN\user" or "the process account (DOMAIN\svc)").</param>
    public OrchestratorAuthenticationException(Uri serviceRoot, string account)
        : base(
            $"The Orchestrator web service at {serviceRoot} refused the credentials of {account} (401 Unauthorized). " +
            "Check the user name and password, and that the account may sign in to the web service (Windows authentication).",
            serviceRoot,
            401)
    {
        Account = account;
    }

    /// <summary>The account that was refused.</summary>
    public string Account { get; }
}

/// <summary>403: the account lacks a permission.</summary>
[Serializable]
public sealed class OrchestratorPermissionException : OrchestratorException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="serviceRoot">The service.</param>
    /// <param name="account">The account used.</param>
    /// <param name="operation">What was attempted, for example "start \PatchRunbook\4: WaitRunbook".</param>
    /// <param name="permission">The permission it needs, for example "Publish permission on the runbook".</param>
    public OrchestratorPermissionException(Uri serviceRoot, string account, string operation, string permission)
        : base(
            $"{account} may not {operation} on {serviceRoot} (403 Forbidden): it needs {permission} " +
            "(Runbook Designer > the runbook or folder > Permissions).",
            serviceRoot,
            403)
    {
        Account = account;
        Operation = operation;
        Permission = permission;
    }

    /// <summary>The account.</summary>
    public string Account { get; }

    /// <summary>What was attempted.</summary>
    public string Operation { get; }

    /// <summary>The permission it needs.</summary>
    public string Permission { get; }
}

/// <summary>The service root does not exist (404 on the root, or no Orchestrator answers there).</summary>
[Serializable]
public sealed class OrchestratorEndpointNotFoundException : OrchestratorException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="serviceRoot">The URL tried.</param>
    /// <param name="statusCode">The HTTP status.</param>
    public OrchestratorEndpointNotFoundException(Uri serviceRoot, int? statusCode)
        : base(
            $"No Orchestrator web service answers at {serviceRoot}" + (statusCode is null ? "." : $" ({statusCode}).") +
            " Expected " + OrchestratorConnectionConstants.ExpectedUrlForms + ".",
            serviceRoot,
            statusCode)
    {
    }
}

/// <summary>The service stayed unavailable (timeouts, connection failures, 5xx, 429) after every retry.</summary>
[Serializable]
public sealed class OrchestratorUnavailableException : OrchestratorException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="serviceRoot">The service.</param>
    /// <param name="operation">What was attempted.</param>
    /// <param name="attempts">How many attempts were made.</param>
    /// <param name="lastFault">The last fault, described without secrets.</param>
    /// <param name="innerException">The last exception, if any.</param>
    public OrchestratorUnavailableException(Uri serviceRoot, string operation, int attempts, string lastFault, Exception? innerException = null)
        : base($"Could not {operation}: the Orchestrator web service at {serviceRoot} did not answer after {attempts} attempt(s) (last: {lastFault}).", serviceRoot, null, innerException)
    {
        Operation = operation;
        Attempts = attempts;
    }

    /// <summary>What was attempted.</summary>
    public string Operation { get; }

    /// <summary>How many attempts were made.</summary>
    public int Attempts { get; }
}

/// <summary>The service answered with something this client cannot read.</summary>
[Serializable]
public sealed class OrchestratorProtocolException : OrchestratorException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong with the answer.</param>
    /// <param name="serviceRoot">The service.</param>
    /// <param name="innerException">The parse error.</param>
    public OrchestratorProtocolException(string message, Uri? serviceRoot, Exception? innerException = null)
        : base(message, serviceRoot, null, innerException)
    {
    }
}

/// <summary>No runbook has the given path or id.</summary>
[Serializable]
public sealed class RunbookNotFoundException : OrchestratorException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="key">The path or id looked up.</param>
    /// <param name="serviceRoot">The service.</param>
    /// <param name="similar">Paths that do exist and look alike (may be empty).</param>
    public RunbookNotFoundException(string key, Uri? serviceRoot, IEnumerable<string>? similar = null)
        : base(Describe(key, serviceRoot, similar), serviceRoot, 404)
    {
        Key = key;
        Similar = similar?.ToArray() ?? Array.Empty<string>();
    }

    /// <summary>The path or id looked up.</summary>
    public string Key { get; }

    /// <summary>Paths that exist and look alike.</summary>
    public IReadOnlyList<string> Similar { get; }

    private static string Describe(string key, Uri? serviceRoot, IEnumerable<string>? similar)
    {
        var text = $"Runbook '{key}' is unknown to {serviceRoot?.ToString() ?? "Orchestrator"}.";
        var list = similar?.Take(10).ToArray() ?? Array.Empty<string>();
        return list.Length == 0 ? text : text + " Runbooks that exist: " + string.Join(", ", list) + ".";
    }
}

/// <summary>No job has the given id.</summary>
[Serializable]
public sealed class JobNotFoundException : OrchestratorException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="jobId">The job.</param>
    /// <param name="serviceRoot">The service.</param>
    public JobNotFoundException(Guid jobId, Uri? serviceRoot)
        : base($"Job {jobId} is unknown to {serviceRoot?.ToString() ?? "Orchestrator"}.", serviceRoot, 404)
    {
        JobId = jobId;
    }

    /// <summary>The job.</summary>
    public Guid JobId { get; }
}
