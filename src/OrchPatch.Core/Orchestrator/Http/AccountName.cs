using System;
using System.Net;

namespace OrchPatch.Core.Orchestrator;

/// <summary>The account the web service sees, parsed from <c>DOMAIN\user</c>, <c>user@domain</c> or <c>user</c>.</summary>
internal sealed class AccountName
{
    private AccountName(string? domain, string user)
    {
        Domain = domain;
        User = user;
    }

    /// <summary>The domain, when written as DOMAIN\user.</summary>
    public string? Domain { get; }

    /// <summary>The user (a UPN stays whole: Windows authentication accepts it as the user name).</summary>
    public string User { get; }

    public static bool TryParse(string text, out AccountName? account)
    {
        account = null;
        var trimmed = text.Trim();
        var slash = trimmed.IndexOf('\\');
        if (slash != trimmed.LastIndexOf('\\') || slash == 0 || slash == trimmed.Length - 1 || trimmed.IndexOf('/') >= 0)
        {
            return false;
        }

        account = slash < 0 ? new AccountName(null, trimmed) : new AccountName(trimmed.Substring(0, slash), trimmed.Substring(slash + 1));
        return true;
    }

    /// <summary>Who a 401 or 403 was for: "CONTOSO\svc", or "the process account (CONTOSO\RB01$)".</summary>
    public static string Describe(string? userName) =>
        string.IsNullOrWhiteSpace(userName)
            ? $"the process account ({Environment.UserDomainName}\\{Environment.UserName})"
            : userName!.Trim();

    public NetworkCredential ToCredential(string password) =>
        Domain is null ? new NetworkCredential(User, password) : new NetworkCredential(User, password, Domain);
}
