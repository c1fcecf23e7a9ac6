using System;
using System.Linq;
using System.Text;
using OrchPatch.Simulator.Runtime;

namespace OrchPatch.Simulator.Wire;

/// <summary>Who sent a request to one of the Orchestrator APIs, and what they may do.</summary>
internal sealed class Caller
{
    public const string PublishDenied = "The requested operation requires Publish permissions on the Runbook";
    public const string ReadDenied = "The requested operation requires Read permissions on the Runbook";

    private Caller(SimulatedUser? user) => User = user;

    /// <summary>The signed-in user; null when the simulator has no users (no authentication).</summary>
    public SimulatedUser? User { get; }

    public string Sid => User?.EffectiveSid ?? SimulatorConstants.AnonymousSid;

    public string? Name => User?.Name;

    /// <summary>Checks HTTP Basic credentials against the configured users (none configured: everyone is anonymous).</summary>
    /// <returns>The caller, or null when the credentials are missing or wrong (answer 401).</returns>
    public static Caller? Authenticate(SimRequest request, SimulatorSettings settings)
    {
        if (settings.Users.Count == 0)
        {
            return new Caller(null);
        }

        var header = request.Header("Authorization");
        if (header is null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Substring(6).Trim()));
        }
        catch (FormatException)
        {
            return null;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return null;
        }

        var account = decoded.Substring(0, colon);
        var password = decoded.Substring(colon + 1);
        var user = settings.Users.FirstOrDefault(u => u.IsNamed(account));
        return user is not null && string.Equals(user.Password, password, StringComparison.Ordinal) ? new Caller(user) : null;
    }

    /// <summary>Whether the caller may see entities of <paramref name="runbook"/> (server entities: anyone signed in).</summary>
    public bool CanRead(SimRunbook? runbook) => User is null || runbook is null || User.Holds(runbook.Path, RunbookRights.Read);

    /// <summary>Refuses a read of runbook data by a user who may read no runbook at all.</summary>
    public void RequireSomeRead()
    {
        if (User is not null && !User.HoldsAnywhere(RunbookRights.Read))
        {
            throw WireException.Forbidden(ReadDenied);
        }
    }

    public void RequirePublish(SimRunbook runbook)
    {
        if (User is not null && !User.Holds(runbook.Path, RunbookRights.Publish))
        {
            throw WireException.Forbidden(PublishDenied);
        }
    }
}
