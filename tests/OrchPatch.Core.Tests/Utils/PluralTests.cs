using NUnit.Framework;
using OrchPatch.Core.Utils;

namespace OrchPatch.Core.Tests.Utils;

[TestFixture]
public sealed class PluralTests
{
    [TestCase(0, "job", "0 jobs")]
    [TestCase(1, "job", "1 job")]
    [TestCase(2, "job", "2 jobs")]
    [TestCase(1, "pending job", "1 pending job")]
    [TestCase(1000, "runbook server", "1000 runbook servers")]
    public void Of_Count_AddsAnSUnlessOne(int count, string noun, string expected) =>
        Assert.That(Plural.Of(count, noun), Is.EqualTo(expected));

    [TestCase(0, "are")]
    [TestCase(1, "is")]
    [TestCase(2, "are")]
    public void Be_Count_AgreesWithIt(int count, string expected) =>
        Assert.That(Plural.Be(count), Is.EqualTo(expected));
}
