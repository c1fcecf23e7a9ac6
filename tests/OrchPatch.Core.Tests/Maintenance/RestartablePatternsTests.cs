using NUnit.Framework;
using OrchPatch.Core.Maintenance;

namespace OrchPatch.Core.Tests.Maintenance;

[TestFixture]
public sealed class RestartablePatternsTests
{
    [TestCase(@"\Ops\Reports\*", @"\Ops\Reports\Daily", true)]
    [TestCase(@"\Ops\Reports\*", @"\Ops\Backup", false)]
    [TestCase(@"*sync*", @"\Ops\Nightly Sync", true, Description = "case-insensitive")]
    [TestCase(@"\Ops\Job?", @"\Ops\Job1", true)]
    [TestCase(@"\Ops\Job?", @"\Ops\Job10", false)]
    [TestCase(@"\Ops\Back.up", @"\Ops\Backxup", false, Description = "regex characters are literal")]
    [TestCase("", @"\Ops\Anything", false, Description = "nothing is restartable by default")]
    public void Matches_Wildcards(string patterns, string path, bool expected)
    {
        Assert.That(RestartablePatterns.Parse(patterns).Matches(path), Is.EqualTo(expected));
    }

    [Test]
    public void Parse_SplitsOnSemicolonsAndLines()
    {
        Assert.That(RestartablePatterns.Parse("\\A\\*; \\B\\*\n\\C\\*\r\n").Patterns, Is.EqualTo(new[] { @"\A\*", @"\B\*", @"\C\*" }));
    }
}
