using NUnit.Framework;
using OrchPatch.Core.Utils;

namespace OrchPatch.Core.Tests.Utils;

[TestFixture]
public sealed class RedactionTests
{
    [TestCase("Server=SQL01;Database=Orchestrator;User Id=sa;Password=Pa55w0rd!;", "Server=SQL01;Database=Orchestrator;User Id=***;Password=***;", Description = "SQL credentials")]
    [TestCase("login failed: pwd='x;y' user=bob", "login failed: pwd=*** user=***", Description = "a quoted value is masked whole, separator included")]
    [TestCase("Authorization: Negotiate YIIBhwYGKwYBBQUC", "Authorization: ***", Description = "authorization header")]
    [TestCase("nothing secret here", "nothing secret here", Description = "untouched")]
    public void Scrub_CredentialShapes_AreMasked(string input, string expected)
    {
        Assert.That(Redaction.Scrub(input), Is.EqualTo(expected));
    }

    [Test]
    public void Scrub_KnownSecret_IsMaskedWherever()
    {
        Assert.That(Redaction.Scrub("echo Hunter2Hunter2 >> log; Hunter2Hunter2", new[] { "Hunter2Hunter2", null, string.Empty }), Is.EqualTo("echo *** >> log; ***"));
    }

    [Test]
    public void DescribeConnectionString_KeepsOnlyTheTarget()
    {
        Assert.That(Redaction.DescribeConnectionString("Data Source=SQL01\\ORCH;Initial Catalog=Orchestrator;User ID=sa;Password=secret;Encrypt=true"),
            Is.EqualTo("Data Source=SQL01\\ORCH; Initial Catalog=Orchestrator"));
    }

    [Test]
    public void DescribeConnectionString_QuotedPasswordHoldingServer_NeverShowsAnyOfIt()
    {
        // Issue 13: split on every ';', the quoted password gave a "Server=" part of its own.
        var text = Redaction.DescribeConnectionString("Server=SQL01;Database=Orchestrator;User ID=sa;Password='pa;Server=Hunter2';Encrypt=true");

        Assert.That(text, Is.EqualTo("Data Source=SQL01; Initial Catalog=Orchestrator"));
        Assert.That(text, Does.Not.Contain("Hunter2"));
    }

    [Test]
    public void DescribeConnectionString_Unreadable_SaysSoWithoutRepeatingIt()
    {
        Assert.That(Redaction.DescribeConnectionString("Server=SQL01;Password='Hunter2"), Is.EqualTo("(a connection string that cannot be read)"));
    }
}
