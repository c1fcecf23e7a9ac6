using System;
using NUnit.Framework;
using OrchPatch.Pack.Ids;

namespace OrchPatch.Pack.Tests.Ids;

[TestFixture]
public sealed class NameBasedGuidTests
{
    private static readonly Guid DnsNamespace = new("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

    [Test]
    public void Create_Rfc4122DnsExample_GivesTheKnownVersion5Guid()
    {
        // uuid5(NAMESPACE_DNS, "python.org"), the example of Python's uuid module documentation.
        Assert.That(NameBasedGuid.Create(DnsNamespace, "python.org"), Is.EqualTo(new Guid("886313e1-3b8a-5372-9b90-0c9aee199e5d")));
    }

    [Test]
    public void Create_SameNameAndNamespace_SameGuid_OtherNameOrNamespace_Other()
    {
        var a = NameBasedGuid.Create(DnsNamespace, "3: PatchServer/Drain Runbook Server");

        Assert.Multiple(() =>
        {
            Assert.That(NameBasedGuid.Create(DnsNamespace, "3: PatchServer/Drain Runbook Server"), Is.EqualTo(a));
            Assert.That(NameBasedGuid.Create(DnsNamespace, "3: PatchServer/drain runbook server"), Is.Not.EqualTo(a));
            Assert.That(NameBasedGuid.Create(Guid.NewGuid(), "3: PatchServer/Drain Runbook Server"), Is.Not.EqualTo(a));
        });
    }
}

[TestFixture]
public sealed class GuidTextTests
{
    [Test]
    public void Format_AnyGuid_IsUpperCaseWithBraces()
    {
        Assert.That(GuidText.Format(new Guid("6c576f3d-e927-417a-b145-5d3eff9c995f")), Is.EqualTo("{6C576F3D-E927-417A-B145-5D3EFF9C995F}"));
    }

    [TestCase("{6C576F3D-E927-417A-B145-5D3EFF9C995F}", true)]
    [TestCase("{6c576f3d-e927-417a-b145-5d3eff9c995f}", false, Description = "lower case")]
    [TestCase("6C576F3D-E927-417A-B145-5D3EFF9C995F", false, Description = "no braces")]
    [TestCase("{6C576F3D-E927-417A-B145-5D3EFF9C995F} ", false, Description = "trailing space")]
    [TestCase(null, false)]
    public void TryParseBraced_OnlyTheOrchestratorForm_Parses(string? text, bool expected)
    {
        Assert.That(GuidText.TryParseBraced(text, out _), Is.EqualTo(expected));
    }
}
