using System.Collections.Generic;
using System.Linq;

namespace OrchPatch.Cli.Infrastructure;

/// <summary>Follow-up commands the user can paste: the command and server, then the options that choose the farm
/// and the throttle as they were given on the command line or by ORCHPATCH_* (the URL as typed), so the hint works
/// in another shell too. Never a secret: the password comes from
/// ORCHPATCH_PASSWORD or a prompt, and a connection string given on the command line is not repeated (it may hold
/// one), so the hint says to set ORCHPATCH_CONNECTION_STRING instead.</summary>
internal static class RecoveryHint
{
    /// <summary>Options that decide which farm and throttle a follow-up command talks to.</summary>
    private static readonly OptionSpec[] Carried =
    {
        CommonOptions.Url, CommonOptions.Api, CommonOptions.User, CommonOptions.TrustThumbprint, CommonOptions.AllowBasic,
        CommonOptions.Throttle, CommonOptions.Aspt, CommonOptions.WaitRunbook,
    };

    /// <summary>For example <c>orchpatch restore RB02 --url http://orch01:81/Orchestrator2012/Orchestrator.svc/ --throttle database</c>.</summary>
    public static string Command(string command, string server, ParsedArguments arguments, params string[] extra)
    {
        var words = new List<string> { "orchpatch", command, Quote(server) };
        words.AddRange(extra);
        foreach (var option in Carried.Where(o => arguments.Has(o.Name)))
        {
            words.Add("--" + option.Name);
            if (!option.IsFlag)
            {
                words.Add(Quote(arguments.Value(option.Name)!));
            }
        }

        var text = string.Join(" ", words);
        return arguments.Has(CommonOptions.ConnectionString.Name) && !arguments.FromEnvironment(CommonOptions.ConnectionString.Name)
            ? text + " (with ORCHPATCH_CONNECTION_STRING set: the connection string is not repeated here)"
            : text;
    }

    /// <summary>A value as one shell word: quoted when it has spaces or shell characters.</summary>
    private static string Quote(string value) =>
        value.Length > 0 && value.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '/' or '\\' or ',' or '=' or '@')
            ? value
            : "\"" + value.Replace("\"", "\\\"", System.StringComparison.Ordinal) + "\"";
}
