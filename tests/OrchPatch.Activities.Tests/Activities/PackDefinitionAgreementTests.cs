using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NUnit.Framework;
using OrchPatch.Pack.Definition;
using OrchPatch.TestSupport.Activities;

namespace OrchPatch.Activities.Tests.Activities;

/// <summary>oip/pack.json is what the MSI, the wizard staging and the sample runbooks are made from; the classes are what
/// Orchestrator loads. They must say the same thing, or a sample runbook subscribes to data no activity publishes.</summary>
[TestFixture]
public sealed class PackDefinitionAgreementTests
{
    private static readonly PackDefinition Pack = PackDefinition.LoadEmbedded();

    private static IEnumerable<PackActivity> PackActivities() => PackDefinition.LoadEmbedded().Activities;

    [Test]
    public void Pack_ListsExactlyTheActivityClasses()
    {
        var classes = typeof(OrchestratorPatchingConnection).Assembly.GetExportedTypes()
            .Where(t => Attribute.IsDefined(t, typeof(Microsoft.SystemCenter.Orchestrator.Integration.ActivityAttribute)))
            .Select(t => t.FullName).OrderBy(n => n, StringComparer.Ordinal);

        Assert.That(Pack.Activities.Select(a => a.FullClassName).OrderBy(n => n, StringComparer.Ordinal), Is.EqualTo(classes));
    }

    [TestCaseSource(nameof(PackActivities))]
    public void Activity_AgreesWithThePack(PackActivity packed)
    {
        var type = typeof(OrchestratorPatchingConnection).Assembly.GetType(packed.FullClassName, throwOnError: true)!;
        var d = ActivityHarness.Describe(type);

        Assert.Multiple(() =>
        {
            Assert.That(d.DisplayName, Is.EqualTo(packed.DisplayName));
            Assert.That(d.Description, Is.EqualTo(packed.Description));
            Assert.That(d.Inputs.Select(i => (i.Name, Required: !i.Optional, Default: Text(i.Default))),
                Is.EqualTo(packed.Inputs.Select(i => (i.Name, i.Required || i.Default is not null, i.Default))), "inputs: name, required, default");
            Assert.That(d.Inputs.Select(i => i.Choices), Is.EqualTo(packed.Inputs.Select(i => i.Options)), "list choices");
            Assert.That(d.Outputs.Select(o => (o.Name, o.Correlated, o.Kind == DataKind.Number)),
                Is.EqualTo(packed.Outputs.Select(o => (o.Name, o.Correlated, o.Type == OutputType.Number))), "published data: name, correlated, number");
        });
    }

    [Test]
    public void Connection_AgreesWithThePack()
    {
        Assert.That(Pack.Configuration.Name, Is.EqualTo(ConnectionNames.DisplayName));
    }

    private static string? Text(object? value) => value is null ? null : Convert.ToString(value, CultureInfo.InvariantCulture);
}
