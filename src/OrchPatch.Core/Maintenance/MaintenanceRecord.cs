using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using OrchPatch.Core.Orchestrator;

namespace OrchPatch.Core.Maintenance;

/// <summary>
/// The maintenance of one runbook server, as recorded in the parameters of its running Wait Runbook job. That job is at
/// once the slot holder, the lock and the durable state (docs/design.md, "The maintenance record is the lock"):
/// nothing is kept on local disk, so a restore after a crash reads the previous max jobs back from here.
/// </summary>
/// <param name="Server">The runbook server in maintenance.</param>
/// <param name="PreviousMaxJobs">Its max jobs before the drain, restored afterwards.</param>
/// <param name="Owner">Who started it ("DOMAIN\user on HOST").</param>
/// <param name="StartedAt">When (UTC).</param>
/// <param name="Reason">Why, as given by the user (may be empty).</param>
/// <param name="WaitJobId">The wait job that holds the record.</param>
/// <param name="WaitJobStatus">The wait job's status when read.</param>
/// <param name="WaitJobCreated">When the wait job was created: the order in which concurrent drains take the lock.</param>
public sealed record MaintenanceRecord(
    string Server,
    int PreviousMaxJobs,
    string Owner,
    DateTimeOffset StartedAt,
    string Reason,
    Guid WaitJobId,
    JobStatus WaitJobStatus,
    DateTimeOffset WaitJobCreated)
{
    /// <summary>The Wait Runbook's In-parameter holding the server name.</summary>
    public const string ServerParameter = "Server";

    /// <summary>The Wait Runbook's In-parameter holding the previous max jobs.</summary>
    public const string PreviousMaxJobsParameter = "PreviousMaxJobs";

    /// <summary>The Wait Runbook's In-parameter holding the owner.</summary>
    public const string OwnerParameter = "Owner";

    /// <summary>The Wait Runbook's In-parameter holding the start time (ISO 8601, UTC).</summary>
    public const string StartedAtParameter = "StartedAt";

    /// <summary>The Wait Runbook's In-parameter holding the reason.</summary>
    public const string ReasonParameter = "Reason";

    /// <summary>Every In-parameter the Wait Runbook must declare.</summary>
    public static IReadOnlyList<string> ParameterNames { get; } = new[] { ServerParameter, PreviousMaxJobsParameter, OwnerParameter, StartedAtParameter, ReasonParameter };

    /// <summary>Whether the record's job still holds the server (Pending or Running).</summary>
    public bool IsActive => WaitJobStatus.IsActive();

    /// <summary>The parameter values for starting a wait job that records this maintenance.</summary>
    /// <param name="server">The server.</param>
    /// <param name="previousMaxJobs">Its max jobs now.</param>
    /// <param name="owner">Who.</param>
    /// <param name="startedAt">When.</param>
    /// <param name="reason">Why.</param>
    /// <returns>Values by parameter name.</returns>
    public static IReadOnlyDictionary<string, string> ToParameters(string server, int previousMaxJobs, string owner, DateTimeOffset startedAt, string? reason) =>
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ServerParameter] = server,
            [PreviousMaxJobsParameter] = previousMaxJobs.ToString(CultureInfo.InvariantCulture),
            [OwnerParameter] = owner,
            [StartedAtParameter] = startedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            [ReasonParameter] = reason ?? string.Empty,
        };

    /// <summary>Reads a record from a wait job's parameters.</summary>
    /// <param name="job">The wait job.</param>
    /// <param name="parameters">Its parameters by name.</param>
    /// <param name="record">The record.</param>
    /// <param name="problem">Why the parameters are not a record (a wait job started by hand, say).</param>
    /// <returns>True when the parameters hold a record.</returns>
    public static bool TryParse(Job job, IReadOnlyDictionary<string, string> parameters, out MaintenanceRecord? record, out string? problem)
    {
        record = null;
        problem = null;
        if (!parameters.TryGetValue(ServerParameter, out var server) || string.IsNullOrWhiteSpace(server))
        {
            problem = $"wait job {job.Id} has no '{ServerParameter}' parameter value";
            return false;
        }

        if (!parameters.TryGetValue(PreviousMaxJobsParameter, out var previousText)
            || !int.TryParse(previousText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var previous)
            || previous < 1)
        {
            problem = $"wait job {job.Id} for {server} has no valid '{PreviousMaxJobsParameter}' (found '{previousText}')";
            return false;
        }

        var startedAt = parameters.TryGetValue(StartedAtParameter, out var startedText)
            && DateTimeOffset.TryParse(startedText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed
            : job.CreationTime;
        record = new MaintenanceRecord(
            server.Trim(),
            previous,
            parameters.TryGetValue(OwnerParameter, out var owner) ? owner : string.Empty,
            startedAt,
            parameters.TryGetValue(ReasonParameter, out var reason) ? reason : string.Empty,
            job.Id,
            job.Status,
            job.CreationTime);
        return true;
    }

    /// <summary>For example "RB02 (since 2026-11-25 02:00 UTC, by CONTOSO\ops on JUMP01, wait job 42fe8a86-...)".</summary>
    /// <returns>The description.</returns>
    public string Describe() =>
        $"{Server} (since {StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC" +
        (Owner.Length > 0 ? ", by " + Owner : string.Empty) + $", wait job {WaitJobId})";

    /// <summary>Whether the record is for the named server (names compare case-insensitively, as Windows does).</summary>
    /// <param name="serverName">The server.</param>
    /// <returns>True when it is.</returns>
    public bool IsFor(string serverName) => ServerNames.Same(Server, serverName);

    /// <summary>The records that hold the lock, earliest first; ties broken by wait job id so every reader agrees.</summary>
    /// <param name="records">Active records.</param>
    /// <returns>Ordered records.</returns>
    public static IReadOnlyList<MaintenanceRecord> InLockOrder(IEnumerable<MaintenanceRecord> records) =>
        records.OrderBy(r => r.WaitJobCreated).ThenBy(r => r.WaitJobId.ToString("N"), StringComparer.Ordinal).ToArray();
}

/// <summary>How runbook server names compare: a server is the name the web service lists, trimmed and compared
/// case-insensitively (as Windows compares computer names), nothing more. "RB01.contoso.com" and "RB01.fabrikam.com"
/// are two servers, and so are "10.0.0.5" and "10.0.0.6": comparing the text before the first dot once drained the
/// wrong one (issue 13). A short name given by a person is resolved against the listed names by <see cref="Resolve"/>.</summary>
public static class ServerNames
{
    /// <summary>Names for a message, sorted so a person finds one at a glance (the web service lists them in its own order).</summary>
    /// <param name="names">The names.</param>
    /// <returns>"RB01, RB02, RB03", or "(none)".</returns>
    public static string List(IEnumerable<string> names)
    {
        var sorted = names.OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToArray();
        return sorted.Length == 0 ? "(none)" : string.Join(", ", sorted);
    }

    /// <summary>Whether two names are the same server: the whole names, trimmed, compared case-insensitively.</summary>
    /// <param name="a">One name.</param>
    /// <param name="b">The other.</param>
    /// <returns>True when they are the same name.</returns>
    public static bool Same(string? a, string? b) =>
        a is not null && b is not null && string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether two names may be the same computer (their host labels match). Only for the refusal to drain the
    /// computer the drain runs on, where a false match costs a refusal and a missed one a stopped runbook; never to pick
    /// a server. An IP address has no host label: it compares whole.</summary>
    /// <param name="a">One name.</param>
    /// <param name="b">The other.</param>
    /// <returns>True when they may name the same computer.</returns>
    public static bool MayBeSameComputer(string? a, string? b) =>
        Same(a, b) || (a is not null && b is not null && !IsAddress(a) && !IsAddress(b)
            && string.Equals(ShortName(a), ShortName(b), StringComparison.OrdinalIgnoreCase));

    /// <summary>The listed server a person meant: the one with this whole name; or, for a short name (no dot), the only
    /// listed name whose host label it is.</summary>
    /// <typeparam name="T">What is listed.</typeparam>
    /// <param name="listed">The servers the web service lists.</param>
    /// <param name="nameOf">The name of one.</param>
    /// <param name="given">The name given.</param>
    /// <param name="operation">"drain", "plan"... for the refusal.</param>
    /// <returns>The server, or null when none matches.</returns>
    /// <exception cref="AmbiguousRunbookServerException">A short name matches several servers.</exception>
    public static T? Resolve<T>(IEnumerable<T> listed, Func<T, string> nameOf, string given, string operation)
        where T : class
    {
        var all = listed.ToArray();
        var exact = all.FirstOrDefault(s => Same(nameOf(s), given));
        if (exact is not null || given.Trim().Length == 0 || given.Trim().IndexOf('.') >= 0)
        {
            return exact;
        }

        var candidates = all.Where(s => !IsAddress(nameOf(s)) && string.Equals(ShortName(nameOf(s)), given.Trim(), StringComparison.OrdinalIgnoreCase)).ToArray();
        return candidates.Length switch
        {
            0 => null,
            1 => candidates[0],
            _ => throw new AmbiguousRunbookServerException(given.Trim(), candidates.Select(nameOf).ToArray(), operation),
        };
    }

    /// <summary>The host part of a DNS name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>"RB01" for "RB01.contoso.com".</returns>
    public static string ShortName(string name)
    {
        var trimmed = name.Trim();
        var dot = trimmed.IndexOf('.');
        return dot > 0 ? trimmed.Substring(0, dot) : trimmed;
    }

    private static bool IsAddress(string name) => System.Net.IPAddress.TryParse(name.Trim(), out _);
}
