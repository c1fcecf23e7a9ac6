using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using NUnit.Framework;
using OrchPatch.Pack.Samples;
using OrchPatch.Pack.Validation;
using static OrchPatch.Pack.Tests.Samples.ExportReader;

namespace OrchPatch.Pack.Tests.Samples;

[TestFixture]
public sealed class PatchRunbookSamplesTests
{
    private static string[] Genuine => new[] { TestPaths.GenuineExample, TestPaths.GenuineDeployVm };

    /// <summary>
    /// Field values the samples write although the two genuine exports here never show them: a Junction returning no
    /// branch's data is null (docs/orchestrator-facts.md#the-integration-pack lists null for SelectedBranch), and a toolkit activity with no input
    /// set writes Properties as null, as Filters is when empty (unconfirmed; oip/README.md).
    /// </summary>
    private static readonly string[] DocumentedVariations = { "SelectedBranch:null", "Properties:null" };

    private static ExportReader Sample => new(PackFixtures.Sample());

    [Test]
    public void Generate_Twice_ByteForByteTheSame()
    {
        Assert.That(PackFixtures.Sample(), Is.EqualTo(PackFixtures.Sample()));
    }

    [Test]
    public void Generate_FolderAndRunbooks_AreTheFourSamples()
    {
        var export = PatchRunbookSamples.Generate(PackFixtures.Pack, ActivityTypes.FromPack(PackFixtures.Pack), "Orchestrator Patching");
        var folder = new ExportReader(export.Content.ToArray()).Root.Element("Policies")!.Element("Folder")!;

        Assert.Multiple(() =>
        {
            Assert.That(export.FileName, Is.EqualTo("PatchRunbook.ois_export"));
            Assert.That(folder.Element("Name")!.Value, Is.EqualTo("PatchRunbook"));
            Assert.That(folder.Elements("Policy").Select(p => p.Element("Name")!.Value), Is.EqualTo(new[] { "1: Patch Orchestrator", "3: PatchServer", "4: WaitRunbook", "7: Run Patch" }));
            Assert.That(export.Runbooks, Is.EqualTo(new[] { "1: Patch Orchestrator", "3: PatchServer", "4: WaitRunbook", "7: Run Patch" }));
        });
    }

    [Test]
    public void Generate_Samples_PassTheValidator()
    {
        var report = new OisExportValidator().Validate("PatchRunbook.ois_export", PackFixtures.Sample());

        Assert.That(report.Problems, Is.Empty);
        Assert.That(report.Runbooks, Is.EqualTo(4));
    }

    [Test]
    public void Generate_PolicyAndEntryLayouts_AreThoseOfGenuineExports()
    {
        var genuine = Genuine.Select(ExportReader.Load).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(Sample.PolicyLayouts(), Is.SubsetOf(genuine.SelectMany(g => g.PolicyLayouts()).Distinct()));
            Assert.That(Sample.EntryLayouts(), Is.SubsetOf(genuine.SelectMany(g => g.EntryLayouts()).Distinct()));
        });
    }

    [Test]
    public void Generate_EveryObjectsCommonFields_MatchAGenuineLayoutOfItsKind()
    {
        var genuine = Genuine.Select(ExportReader.Load).ToArray();
        var known = genuine.SelectMany(g => g.CommonLayouts()).SelectMany(group => group.Select(layout => (group.Key, layout))).ToHashSet();

        // Field names and order are fixed; each field's datatype must be one genuine exports use for that field and kind.
        var perField = known.SelectMany(k => k.layout.Split(' ').Select((f, i) => (k.Key, i, f))).ToHashSet();
        Assert.Multiple(() =>
        {
            foreach (var group in Sample.CommonLayouts())
            {
                foreach (var layout in group)
                {
                    var fields = layout.Split(' ');
                    Assert.That(fields, Has.Length.EqualTo(32));
                    for (var i = 0; i < fields.Length; i++)
                    {
                        Assert.That(perField.Contains((group.Key, i, fields[i])), Is.True, $"{group.Key} field {i}: {fields[i]}");
                    }
                }
            }
        });
    }

    [Test]
    public void Generate_TypeSpecificFields_MatchGenuineLayoutsOfTheSameType()
    {
        var genuine = Genuine.Select(ExportReader.Load).SelectMany(g => g.TailLayouts()).SelectMany(g => g.Select(layout => (g.Key, layout))).ToLookup(x => x.Key, x => x.layout);

        Assert.Multiple(() =>
        {
            foreach (var type in Sample.TailLayouts())
            {
                Assert.That(genuine.Contains(type.Key), Is.True, $"{type.Key} appears in no genuine export");
                foreach (var layout in type.Distinct())
                {
                    Assert.That(genuine[type.Key].Select(g => g.Split(' ').Select(f => f.Split(':')[0])), Has.Some.EqualTo(layout.Split(' ').Select(f => f.Split(':')[0])), type.Key + ": " + layout);
                    var allowed = genuine[type.Key].SelectMany(g => g.Split(' ')).Concat(DocumentedVariations).ToHashSet();
                    Assert.That(layout.Split(' '), Is.SubsetOf(allowed), type.Key + ": a datatype genuine exports never use there");
                }
            }
        });
    }

    [Test]
    public void Generate_ToolkitActivities_CarryThePacksTypeConnectionAndDefaults()
    {
        var pack = PackFixtures.Pack;
        var drain = Object(Sample.Runbook("3: PatchServer"), "Drain Runbook Server");
        var executionData = XElement.Parse(drain.Element("ExecutionData")!.Value).Elements("Item").Select(i => i.Element("ID")!.Value).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(drain.Element("ObjectType")!.Value, Is.EqualTo(pack.Activity("Drain Runbook Server").ObjectType.ToString("B").ToUpperInvariant()));
            Assert.That(drain.Element("ObjectTypeName")!.Value, Is.EqualTo("Drain Runbook Server"));
            Assert.That(drain.Element("Configuration")!.Value, Is.EqualTo("Orchestrator Patching"));
            Assert.That(Properties(drain)["Deadline (minutes)"], Is.EqualTo("30"));
            Assert.That(Properties(drain)["Deadline Policy"], Is.EqualTo("Fail"));
            Assert.That(Properties(drain).ContainsKey("Restartable Runbooks"), Is.False, "optional inputs without a value are left out");
            Assert.That(executionData, Is.EqualTo(pack.Activity("Drain Runbook Server").Inputs.Select(i => i.Name).Concat(pack.Activity("Drain Runbook Server").Outputs.Select(o => o.Name))));
        });
    }

    [Test]
    public void Generate_TypesFromAWizardBuiltPack_AreUsedInsteadOfThePacksOwn()
    {
        var pack = PackFixtures.Pack;
        var wizardIds = pack.Activities.ToDictionary(a => a.DisplayName, _ => Guid.NewGuid());
        var types = ActivityTypes.FromNames(pack, "the .CAP in test.oip", wizardIds);

        var content = PatchRunbookSamples.Generate(pack, types, "Prod SCO").Content.ToArray();
        var export = new ExportReader(content);
        var restore = Object(export.Runbook("3: PatchServer"), "Restore Runbook Server");

        Assert.Multiple(() =>
        {
            Assert.That(new OisExportValidator().Validate("wizard GUIDs", content).Problems, Is.Empty);
            Assert.That(types.FromPackDefinition, Is.False);
            Assert.That(restore.Element("ObjectType")!.Value, Is.EqualTo(wizardIds["Restore Runbook Server"].ToString("B").ToUpperInvariant()));
            Assert.That(restore.Element("Configuration")!.Value, Is.EqualTo("Prod SCO"));
        });
    }

    [Test]
    public void Generate_PatchServer_DrainsRunsThePatchWaitingAndRestores()
    {
        var rb = Sample.Runbook("3: PatchServer");
        var drain = Object(rb, "Drain Runbook Server");
        var invoke = Object(rb, "Run Patch");
        var restore = Object(rb, "Restore Runbook Server");
        var server = ParameterSub(rb, "Server");

        Assert.Multiple(() =>
        {
            Assert.That(Properties(drain)["Runbook Server"], Is.EqualTo(server));
            Assert.That(LinkFrom(rb, drain, invoke).Descendants("Value").Single().Value, Is.EqualTo("success"));
            Assert.That(invoke.Element("PolicyObjectID")!.Value, Is.EqualTo(Id(Sample.Runbook("7: Run Patch"))));
            Assert.That(invoke.Element("WaitToComplete")!.Value, Is.EqualTo("TRUE"));
            Assert.That(invoke.Element("TargetActionServers")!.Value, Is.EqualTo(Sub(Object(rb, "Initialize Data"), "Server.Name")), "the patch runs where this job runs, never on the drained server");
            Assert.That(LinkFrom(rb, invoke, restore).Descendants("Value").Single().Value, Is.EqualTo("success"));
            Assert.That(Properties(restore)["Wait Job ID"], Is.EqualTo(Sub(drain, "Wait Job ID")));
        });
    }

    [Test]
    public void Generate_DrainIsFlattened_StatusIsNot_SoThePatchRunsOncePerServer()
    {
        // Orchestrator runs the next activity once per row of correlated data. Drain's rows are moved jobs (zero or many):
        // flattened, the patch runs once. Status's rows are the servers: unflattened, each server gets its own patch.
        var drain = Object(Sample.Runbook("3: PatchServer"), "Drain Runbook Server");
        var status = Object(Sample.Runbook("1: Patch Orchestrator"), "Get Runbook Servers");

        Assert.That((drain.Element("Flatten")!.Value, status.Element("Flatten")!.Value), Is.EqualTo(("TRUE", "FALSE")));
    }

    [Test]
    public void Generate_PatchServer_FailedPatchStillRestoresThenFailsVisibly()
    {
        var rb = Sample.Runbook("3: PatchServer");
        var invoke = Object(rb, "Run Patch");
        var failureLink = Links(rb).Single(l => l.Element("SourceObject")!.Value == Id(invoke) && l.Descendants("Value").Any(v => v.Value == "warning#failed"));
        var restoreAgain = Objects(rb).Single(o => Id(o) == failureLink.Element("TargetObject")!.Value);
        var fail = Objects(rb).Single(o => Id(o) == Links(rb).Single(l => l.Element("SourceObject")!.Value == Id(restoreAgain)).Element("TargetObject")!.Value);

        Assert.Multiple(() =>
        {
            Assert.That(failureLink.Element("Color")!.Value, Is.EqualTo("255"), "failure paths are red, as in genuine exports");
            Assert.That(restoreAgain.Element("ObjectTypeName")!.Value, Is.EqualTo("Restore Runbook Server"));
            Assert.That(Properties(restoreAgain)["Runbook Server"], Is.EqualTo(ParameterSub(rb, "Server")));
            Assert.That(fail.Element("ObjectTypeName")!.Value, Is.EqualTo("Run .Net Script"));
            Assert.That(fail.Element("ScriptType")!.Value, Is.EqualTo("PowerShell"));
            Assert.That(fail.Element("ScriptBody")!.Value, Does.EndWith("throw \"Patching " + ParameterSub(rb, "Server") + " failed; the server was restored. See the Run Patch job.\""));
            Assert.That(Links(rb).Any(l => l.Element("SourceObject")!.Value == Id(Object(rb, "Drain Runbook Server")) && l.Descendants("Value").Any(v => v.Value.Contains("failed", StringComparison.Ordinal))), Is.False, "a failed drain ends the runbook there");
        });
    }

    [Test]
    public void Generate_PatchOrchestrator_PatchesOtherServersFromTheOtherServers_AndItsOwnLastWithoutWaiting()
    {
        var rb = Sample.Runbook("1: Patch Orchestrator");
        var init = Object(rb, "Initialize Data");
        var all = Object(rb, "Get Runbook Servers");
        var others = Object(rb, "Patch other server");
        var own = Object(rb, "Get this job's server");
        var last = Object(rb, "Patch this server last");
        var patchServer = Id(Sample.Runbook("3: PatchServer"));
        var exclusion = LinkFrom(rb, all, others).Descendants("Entry").Single(e => e.Element("Type")!.Value == "donottrigger");

        Assert.Multiple(() =>
        {
            Assert.That(all.Element("ObjectTypeName")!.Value, Is.EqualTo("Get Runbook Server Status"));
            Assert.That(others.Element("PolicyObjectID")!.Value, Is.EqualTo(patchServer));
            Assert.That(others.Element("WaitToComplete")!.Value, Is.EqualTo("TRUE"));
            Assert.That(others.Element("TargetActionServers")!.Value, Is.EqualTo(Sub(init, "Server.Name")), "this job's server, which the link never lets through as the one patched");
            Assert.That(others.Descendants("Entry").Single(e => e.Element("ParameterName")!.Value == "Server").Element("Value")!.Value, Is.EqualTo(Sub(all, "Runbook Server")));
            Assert.That(exclusion.Element("Data")!.Value, Is.EqualTo(Id(all) + ".Runbook Server"));
            Assert.That(exclusion.Element("Value")!.Value, Is.EqualTo(Sub(init, "Server.Name")), "this job's own server is not patched while the job runs on it");
            Assert.That(Properties(own)["Runbook Server"], Is.EqualTo(Sub(init, "Server.Name")));
            Assert.That(last.Element("PolicyObjectID")!.Value, Is.EqualTo(patchServer));
            Assert.That(last.Element("WaitToComplete")!.Value, Is.EqualTo("FALSE"), "waiting would hold this job on the server being drained");
            Assert.That(last.Element("TargetActionServers")!.Value, Is.EqualTo(Sub(own, "Other Runbook Servers")));
        });
    }

    [Test]
    public void Generate_EveryServerListSubscribesOnlyToOneServerOrToASemicolonJoinedList()
    {
        // Initialize Data is "Custom Start" in exports; its Server.Name is the runbook server running the job (one name).
        // Invoke Runbook's Runbook Servers field takes names separated by ';' ("Separate each name with a semi-colon",
        // Microsoft's Invoke Runbook page). Each subscription feeding a server list must publish one server name, or a
        // list the pack joins with ';' (Get Runbook Server Status's "Other Runbook Servers", pinned by the activity tests).
        var oneServer = new[] { "Server.Name" };
        var semicolonLists = new[] { "Other Runbook Servers" };
        var feeds = new List<string>();
        foreach (var rb in Sample.Runbooks)
        {
            var names = Objects(rb).ToDictionary(Id, o => o.Element("ObjectTypeName")!.Value);
            var lists = Objects(rb).Select(o => o.Element("TargetActionServers")?.Value)
                .Concat(Objects(rb).Where(o => o.Element("ObjectTypeName")!.Value == "Relocate Jobs").Select(o => Properties(o).GetValueOrDefault("To Runbook Servers")))
                .Where(v => !string.IsNullOrEmpty(v));
            foreach (var list in lists)
            {
                Assert.That(list, Does.Not.Contain(","), "a literal list joined with ','");
                foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(list!, @"\\`d\.T\.~Ed/(\{[^}]+\})\.(.*?)\\`d\.T\.~Ed/"))
                {
                    var source = names[match.Groups[1].Value];
                    var data = match.Groups[2].Value;
                    feeds.Add(source + "." + data);
                    Assert.That(
                        (source == "Custom Start" && oneServer.Contains(data)) || (source == "Get Runbook Server Status" && semicolonLists.Contains(data)),
                        Is.True,
                        $"{rb.Element("Name")!.Value}: the server list subscribes to {source}.{data}, not known to be one server or joined with ';'");
                }
            }
        }

        Assert.That(feeds, Does.Contain("Get Runbook Server Status.Other Runbook Servers").And.Contain("Custom Start.Server.Name"), "the check saw the sample's server lists");
    }

    [Test]
    public void Generate_WaitRunbook_TakesTheMaintenanceRecordAndLoopsForever()
    {
        var rb = Sample.Runbook("4: WaitRunbook");
        var parameters = Object(rb, "Initialize Data").Descendants("Entry").Select(e => e.Element("Value")!.Value);
        var script = Objects(rb).Single(o => o.Element("ObjectTypeName")!.Value == "Run .Net Script");

        Assert.Multiple(() =>
        {
            Assert.That(parameters, Is.EqualTo(PackFixtures.Pack.Samples.WaitRunbookParameters));
            Assert.That(script.Element("ScriptBody")!.Value, Does.EndWith("while ($true) { Start-Sleep -Seconds 60 }"));
        });
    }

    [Test]
    public void Generate_RunPatch_IsMarkedAsTheSitesPlace_AndSubscribesTheServer()
    {
        var rb = Sample.Runbook("7: Run Patch");
        var script = Objects(rb).Single(o => o.Element("ObjectTypeName")!.Value == "Run .Net Script");
        var body = script.Element("ScriptBody")!.Value;

        Assert.Multiple(() =>
        {
            Assert.That(body, Does.Contain("THE PLACE FOR YOUR SITE'S OWN PATCHING"));
            Assert.That(body, Does.Contain("$Server = \"" + ParameterSub(rb, "Server") + "\""));
            Assert.That(body, Does.Contain("Restart-Computer -ComputerName $Server -Force -Wait -For PowerShell -Timeout"));
            Assert.That(body, Does.Not.Contain("{{"), "every placeholder is filled");
            Assert.That(script.Element("Name")!.Value, Does.Contain("replace with your own"));
        });
    }

    [TestCase("")]
    [TestCase(" padded ")]
    [TestCase("two\nlines")]
    public void Generate_BadConnectionName_IsRefused(string name)
    {
        var ex = Assert.Throws<ArgumentException>(() => PatchRunbookSamples.Generate(PackFixtures.Pack, ActivityTypes.FromPack(PackFixtures.Pack), name))!;

        Assert.That(ex.Message, Does.StartWith("The connection name must be the name of an Options-menu entry"));
    }

    [Test]
    public void FromNames_ActivityMissing_NamesItAndWhatWasFound()
    {
        var names = new Dictionary<string, Guid> { ["Drain Runbook Server"] = Guid.NewGuid(), ["Drain Server"] = Guid.NewGuid() };

        var ex = Assert.Throws<ArgumentException>(() => ActivityTypes.FromNames(PackFixtures.Pack, "the .CAP in x.oip", names))!;

        Assert.That(ex.Message, Does.StartWith("the .CAP in x.oip has no activity named 'Restore Runbook Server', 'Relocate Jobs', 'Get Runbook Server Status'; it lists 'Drain Runbook Server', 'Drain Server'."));
    }
}
