using System;
using System.Collections.Generic;
using System.Linq;

namespace OrchPatch.Simulator;

/// <summary>A user who may sign in to the simulated web services (HTTP Basic), with runbook permissions.</summary>
/// <param name="Name">The account, for example <c>CONTOSO\patcher</c>. Matched ignoring case; a name without a domain
/// also matches <c>ANYDOMAIN\name</c>.</param>
/// <param name="Password">The password (never written to a message or the event log).</param>
public sealed record SimulatedUser(string Name, string Password)
{
    /// <summary>What the user may do, by runbook path prefix. Empty: the user may sign in but read and start nothing.</summary>
    public IReadOnlyList<RunbookPermission> Permissions { get; init; } = Array.Empty<RunbookPermission>();

    /// <summary>The SID written to <c>CreatedBy</c> of the jobs the user starts; one is made up from the name when null.</summary>
    public string? Sid { get; init; }

    /// <summary>A user with Read and Publish on every runbook.</summary>
    /// <param name="name">The account.</param>
    /// <param name="password">The password.</param>
    /// <returns>The user.</returns>
    public static SimulatedUser Administrator(string name, string password) =>
        new(name, password) { Permissions = new[] { new RunbookPermission(@"\", RunbookRights.Read | RunbookRights.Publish) } };

    /// <summary>Whether the user holds <paramref name="rights"/> on the runbook at <paramref name="runbookPath"/>.</summary>
    /// <param name="runbookPath">The runbook's path.</param>
    /// <param name="rights">The rights needed (all of them).</param>
    /// <returns>True when some permission covering the path grants them.</returns>
    public bool Holds(string runbookPath, RunbookRights rights) =>
        Permissions.Where(p => p.Covers(runbookPath)).Aggregate(RunbookRights.None, (all, p) => all | p.Rights).HasFlag(rights);

    /// <summary>Whether the user holds <paramref name="rights"/> anywhere.</summary>
    /// <param name="rights">The rights.</param>
    /// <returns>True when some permission grants them.</returns>
    public bool HoldsAnywhere(RunbookRights rights) => Permissions.Any(p => p.Rights.HasFlag(rights));

    /// <summary>Whether <paramref name="account"/> names this user.</summary>
    /// <param name="account">The name the client sent.</param>
    /// <returns>True on a match.</returns>
    public bool IsNamed(string account)
    {
        if (string.Equals(account, Name, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var slash = account.LastIndexOf('\\');
        return Name.IndexOf('\\', StringComparison.Ordinal) < 0 && slash >= 0
            && string.Equals(account.Substring(slash + 1), Name, StringComparison.OrdinalIgnoreCase);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} (password hidden)";

    internal string EffectiveSid => Sid ?? "S-1-5-21-1004336348-1177238915-682003330-" + (1000 + (StableHash(Name.ToUpperInvariant()) % 9000));

    internal IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            yield return "has no name";
        }

        if (string.IsNullOrEmpty(Password))
        {
            yield return $"'{Name}' has no password";
        }

        foreach (var permission in Permissions)
        {
            if (permission is null || string.IsNullOrWhiteSpace(permission.PathPrefix) || !permission.PathPrefix.StartsWith('\\'))
            {
                yield return $"'{Name}' has a permission whose path prefix does not start with '\\'";
            }
        }
    }

    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash & int.MaxValue;
    }
}

/// <summary>Rights on runbooks, as in Runbook Designer's Permissions dialog.</summary>
[Flags]
public enum RunbookRights
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>See the runbook, its jobs and instances.</summary>
    Read = 1,

    /// <summary>Start the runbook and stop its jobs ("requires Publish permissions on the Runbook").</summary>
    Publish = 2,
}

/// <summary>Rights on every runbook whose path starts with a folder prefix.</summary>
/// <param name="PathPrefix">A folder or runbook path, for example <c>\PatchRunbook</c>; <c>\</c> is every runbook.
/// Matched ignoring case, on whole path segments.</param>
/// <param name="Rights">The rights granted.</param>
public sealed record RunbookPermission(string PathPrefix, RunbookRights Rights)
{
    /// <summary>Whether the permission covers a runbook.</summary>
    /// <param name="runbookPath">The runbook's path.</param>
    /// <returns>True when the path is the prefix or lies under it.</returns>
    public bool Covers(string runbookPath)
    {
        var prefix = PathPrefix.TrimEnd('\\');
        return prefix.Length == 0
            || string.Equals(runbookPath, prefix, StringComparison.OrdinalIgnoreCase)
            || runbookPath.StartsWith(prefix + "\\", StringComparison.OrdinalIgnoreCase);
    }
}
