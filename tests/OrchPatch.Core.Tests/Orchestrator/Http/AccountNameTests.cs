using System;
using NUnit.Framework;
using OrchPatch.Core.Orchestrator;

namespace OrchPatch.Core.Tests.Orchestrator.Http;

[TestFixture]
public sealed class AccountNameTests
{
    [TestCase(@"CONTOSO\svc-orch", "CONTOSO", "svc-orch")]
    [TestCase("svc-orch@contoso.local", null, "svc-orch@contoso.local", Description = "a UPN stays whole")]
    [TestCase(" svc-orch ", null, "svc-orch")]
    public void TryParse_Forms(string text, string? domain, string user)
    {
        Assert.That(AccountName.TryParse(text, out var account), Is.True);

        Assert.That((account!.Domain, account.User, account.ToCredential("x").Domain, account.ToCredential("x").UserName), Is.EqualTo((domain, user, domain ?? string.Empty, user)));
    }

    [TestCase(@"A\B\C")]
    [TestCase(@"\user")]
    [TestCase(@"DOMAIN\")]
    [TestCase("DOMAIN/user")]
    public void TryParse_Malformed_Refused(string text)
    {
        Assert.That(AccountName.TryParse(text, out _), Is.False);
    }

    [Test]
    public void Describe_NoUser_TheProcessAccountByName()
    {
        Assert.That((AccountName.Describe(null), AccountName.Describe(@"CONTOSO\svc")), Is.EqualTo(($"the process account ({Environment.UserDomainName}\\{Environment.UserName})", @"CONTOSO\svc")));
    }
}
