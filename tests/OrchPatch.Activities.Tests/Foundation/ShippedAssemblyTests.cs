using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using NUnit.Framework;

namespace OrchPatch.Activities.Tests.Foundation;

/// <summary>The net472 OrchPatch.Activities.dll is what runs inside PolicyModule.exe: these tests read that very file.</summary>
[TestFixture]
public sealed class ShippedAssemblyTests
{
    private static DependencyRule Rule => DependencyRule.ForNet472(BuildFacts.Net472ReferenceAssemblies);

    [Test]
    public void ActivitiesNet472_ReferencesQikSdk_WithTheRealAssemblysExactIdentity()
    {
        using var activities = new AssemblyInspector(BuildFacts.ActivitiesDll);

        var sdk = activities.References.Where(r => r.Name == DependencyRule.QikSdkName).ToArray();

        Assert.That(sdk, Has.Length.EqualTo(1), "OrchPatch.Activities (net472) must reference the QIK SDK exactly once.");
        Assert.Multiple(() =>
        {
            Assert.That(sdk[0].Version, Is.EqualTo(new Version(7, 0, 0, 0)));
            Assert.That(sdk[0].CultureName, Is.Empty, "culture must be neutral");
            Assert.That(AssemblyInspector.Token(sdk[0]), Is.EqualTo("31bf3856ad364e35"));
        });
    }

    [Test]
    public void SdkReference_CarriesMicrosoftsPublicKey_AndIsPublicSigned()
    {
        var stub = Path.Combine(BuildFacts.RepoRoot, "ref", "Microsoft.SystemCenter.Orchestrator.Integration", "bin");
        var file = Directory.EnumerateFiles(stub, DependencyRule.QikSdkName + ".dll", SearchOption.AllDirectories).First(f => f.Contains("net472", StringComparison.Ordinal));

        using var inspector = new AssemblyInspector(file);

        Assert.Multiple(() =>
        {
            Assert.That(inspector.Identity.Name, Is.EqualTo(DependencyRule.QikSdkName));
            Assert.That(inspector.Identity.Version, Is.EqualTo(new Version(7, 0, 0, 0)));
            Assert.That(AssemblyInspector.Token(inspector.Identity), Is.EqualTo(DependencyRule.QikSdkToken));
            Assert.That(inspector.Identity.GetPublicKey(), Has.Length.EqualTo(160), "Microsoft's 1024-bit public key blob");
        });
    }

    [Test]
    public void ActivitiesNet472_DependencyClosure_IsFrameworkPollyAndOwnAssembliesOnly()
    {
        var violations = Rule.Violations(BuildFacts.Net472ActivitiesOutput);

        Assert.That(violations, Is.Empty, "Only the .NET Framework, Polly 7.2.4 and OrchPatch's own assemblies may load in PolicyModule.exe.");
    }

    [Test]
    public void DependencyRule_ReferenceOutsideTheFramework_IsAViolation()
    {
        // What adding System.Text.Json (or any NuGet package) to Core's net472 build would add to the closure.
        var systemTextJson = new AssemblyName("System.Text.Json, Version=8.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51");
        var bcl = new AssemblyName("Microsoft.Bcl.AsyncInterfaces, Version=8.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51");
        var polly8 = new AssemblyName("Polly, Version=8.0.0.0, Culture=neutral, PublicKeyToken=c8a3ffc3f8f825cc");
        var mscorlib = new AssemblyName("mscorlib, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089");
        var xmlLinq = new AssemblyName("System.Xml.Linq, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089");
        var wrongSdk = new AssemblyName("Microsoft.SystemCenter.Orchestrator.Integration, Version=7.0.0.0, Culture=neutral, PublicKeyToken=0123456789abcdef");

        Assert.Multiple(() =>
        {
            Assert.That(Rule.Allows(systemTextJson), Is.Null);
            Assert.That(Rule.Allows(bcl), Is.Null);
            Assert.That(Rule.Allows(polly8), Is.Null);
            Assert.That(Rule.Allows(wrongSdk), Is.Null, "an SDK stand-in signed with another key would not bind on the runbook server");
            Assert.That(Rule.Allows(mscorlib), Is.EqualTo(".NET Framework"));
            Assert.That(Rule.Allows(xmlLinq), Is.EqualTo(".NET Framework"));
        });
    }

    [Test]
    public void ActivitiesNet472_OutputFolder_HoldsActivitiesCoreAndPollyOnly()
    {
        var dlls = Directory.EnumerateFiles(BuildFacts.Net472ActivitiesOutput, "*.dll").Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray();

        Assert.That(dlls, Is.EqualTo(new[] { "OrchPatch.Activities.dll", "OrchPatch.Core.dll", "Polly.dll" }));
    }

    [Test]
    public void ActivitiesNet472_OutputFolder_HoldsPollyOfThePinnedVersion()
    {
        var polly = FileVersionInfo.GetVersionInfo(Path.Combine(BuildFacts.Net472ActivitiesOutput, "Polly.dll"));

        Assert.That(new Version(polly.FileMajorPart, polly.FileMinorPart, polly.FileBuildPart), Is.EqualTo(BuildFacts.PollyVersion));
    }

    [Test]
    public void QikSdkDll_IsInNoFolderAPackageTakesFilesFrom()
    {
        var root = BuildFacts.RepoRoot;
        var packaged = new[] { Path.Combine(root, "src"), Path.Combine(root, "artifacts"), Path.Combine(root, "packaging") }.Where(Directory.Exists);

        var found = packaged.SelectMany(d => Directory.EnumerateFiles(d, DependencyRule.QikSdkName + ".dll", SearchOption.AllDirectories)).ToArray();

        Assert.That(found, Is.Empty, "The QIK SDK is provided by Orchestrator and must never be shipped.");
    }
}
