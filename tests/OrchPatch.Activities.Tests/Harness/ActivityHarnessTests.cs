using System;
using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;
using OrchPatch.TestSupport.Activities;

namespace OrchPatch.Activities.Tests.Harness;

[TestFixture]
public sealed class ActivityHarnessTests
{
    private static readonly Dictionary<string, object?> Connection = new() { ["Url"] = "http://orch:81/", ["Password"] = "s3cret!" };

    [Test]
    public void Describe_Declarative_ReadsInputsOutputsConfigurationAndRows()
    {
        var description = ActivityHarness.Describe(typeof(SampleDeclarativeActivity));

        Assert.Multiple(() =>
        {
            Assert.That(description.Model, Is.EqualTo(ActivityModel.Declarative));
            Assert.That(description.DisplayName, Is.EqualTo("Sample Declarative"));
            Assert.That(description.Description, Is.EqualTo("Echoes its inputs."));
            Assert.That(description.DesignProblems, Is.Empty);
            Assert.That(description.Inputs.Select(i => i.Name), Is.EqualTo(new[] { "Server", "Count", "Mode", "Note" }));
            Assert.That(description.Inputs.Single(i => i.Name == "Note").Optional, Is.True);
            Assert.That(description.Inputs.Single(i => i.Name == "Server").Optional, Is.False);
            Assert.That(description.Inputs.Single(i => i.Name == "Mode").Choices, Is.EqualTo(new[] { "Fast", "Careful" }));
            Assert.That(description.Inputs.Single(i => i.Name == "Count").Kind, Is.EqualTo(DataKind.Number));
            Assert.That(description.Outputs.Select(o => (o.Name, o.Correlated)), Is.EqualTo(new[] { ("Echo", false), ("Doubled", false), ("Index", true), ("Label", true) }));
            Assert.That(description.Configuration!.Name, Is.EqualTo("Sample Connection"));
            Assert.That(description.Configuration.Settings.Single(s => s.Name == "Password").PasswordProtected, Is.True);
        });
    }

    [Test]
    public void Run_Declarative_ConvertsInputsAppliesDefaultsAndExpandsRows()
    {
        var run = ActivityHarness.Run(typeof(SampleDeclarativeActivity), new Dictionary<string, object?> { ["Server"] = "RB01", ["Count"] = "2" }, Connection);

        Assert.Multiple(() =>
        {
            Assert.That(run.Outcome, Is.EqualTo(ActivityOutcome.Success), run.Message);
            Assert.That(run["Echo"], Is.EqualTo("RB01|Careful|(none)|http://orch:81/"));
            Assert.That(run["Doubled"], Is.EqualTo(4));
            Assert.That(run.Rows.Select(r => r["Label"]), Is.EqualTo(new[] { "RB011", "RB012" }));
            Assert.That(run.Rows.Select(r => r["Index"]), Is.EqualTo(new[] { 1, 2 }));
        });
    }

    [TestCase("warn", ActivityOutcome.Warning, "nothing to do for warn")]
    [TestCase("fail", ActivityOutcome.Failed, "fail was asked to fail")]
    public void Run_Declarative_MapsExceptionsToOutcome(string server, ActivityOutcome outcome, string message)
    {
        var run = ActivityHarness.Run(typeof(SampleDeclarativeActivity), new Dictionary<string, object?> { ["Server"] = server }, Connection);

        Assert.That((run.Outcome, run.Message), Is.EqualTo((outcome, message)));
    }

    [Test]
    public void Run_MissingRequiredInput_IsAHarnessError()
    {
        var ex = Assert.Throws<HarnessException>(() => ActivityHarness.Run(typeof(SampleDeclarativeActivity), new Dictionary<string, object?>(), Connection));

        Assert.That(ex!.Message, Does.Contain("Required input 'Server'"));
    }

    [Test]
    public void Run_UnknownInput_IsAHarnessError()
    {
        var ex = Assert.Throws<HarnessException>(() => ActivityHarness.Run(typeof(SampleDeclarativeActivity), new Dictionary<string, object?> { ["Server"] = "a", ["Srever"] = "b" }, Connection));

        Assert.That(ex!.Message, Does.Contain("'Srever' is not a known input"));
    }

    [Test]
    public void Run_InputOfTheWrongType_NamesTheInput()
    {
        var ex = Assert.Throws<HarnessException>(() => ActivityHarness.Run(typeof(SampleDeclarativeActivity), new Dictionary<string, object?> { ["Server"] = "a", ["Count"] = "three" }, Connection));

        Assert.That(ex!.Message, Does.StartWith("Input 'Count': 'three' cannot become Int32"));
    }

    [Test]
    public void Describe_Imperative_RecordsTheDesign()
    {
        var description = ActivityHarness.Describe(typeof(SampleImperativeActivity));

        Assert.Multiple(() =>
        {
            Assert.That(description.Model, Is.EqualTo(ActivityModel.Imperative));
            Assert.That(description.DesignProblems, Is.Empty);
            Assert.That(description.Inputs.Select(i => (i.Name, i.Optional, i.Browser)), Is.EqualTo(new[] { ("Server", false, "computer"), ("Times", false, "text"), ("Verbose", true, "boolean") }));
            Assert.That(description.Inputs.Single(i => i.Name == "Times").Default, Is.EqualTo(2));
            Assert.That(description.Outputs.Select(o => (o.Name, o.Kind, o.Correlated)), Is.EqualTo(new[] { ("Greeting", DataKind.String, false), ("Times Two", DataKind.Number, false), ("Index", DataKind.Number, true), ("Label", DataKind.String, true) }));
            Assert.That(description.Configuration!.Name, Is.EqualTo("Sample Connection"));
        });
    }

    [Test]
    public void Run_Imperative_PublishesDataAndCorrelatedRows()
    {
        var run = ActivityHarness.Run(typeof(SampleImperativeActivity), new Dictionary<string, object?> { ["Server"] = "RB02", ["Verbose"] = "true" }, Connection);

        Assert.Multiple(() =>
        {
            Assert.That(run.Outcome, Is.EqualTo(ActivityOutcome.Success), run.Message);
            Assert.That(run["Greeting"], Is.EqualTo("hello RB02! via http://orch:81/"));
            Assert.That(run["Times Two"], Is.EqualTo(4));
            Assert.That(run.Rows, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public void Run_Imperative_ActivityWarning_IsWarning()
    {
        var run = ActivityHarness.Run(typeof(SampleImperativeActivity), new Dictionary<string, object?> { ["Server"] = "warn" }, Connection);

        Assert.That((run.Outcome, run.Message), Is.EqualTo((ActivityOutcome.Warning, "warned")));
    }

    [Test]
    public void Describe_BadDesign_ReportsEveryProblem()
    {
        var description = ActivityHarness.Describe(typeof(BadDesignActivity));

        Assert.That(description.DesignProblems, Is.EquivalentTo(new[]
        {
            "Input 'Count': default of the wrong type: Input 'Count': 'many' cannot become Int32 (The input string 'many' was not in a correct format.).",
            "Input 'Mode': default of the wrong type: Input 'Mode': 'Reckless' cannot become SampleMode ('Reckless' is not one of Fast, Careful).",
            "The input name 'Name' is used 2 times.",
            "The output name 'Result' is used 2 times.",
        }));
    }

    [Test]
    public void Run_BadDesign_IsRefused()
    {
        Assert.Throws<HarnessException>(() => ActivityHarness.Run(typeof(BadDesignActivity), new Dictionary<string, object?>()));
    }

    [Test]
    public void Describe_ActivityThatUsesTheNetworkWhenLoaded_IsReported()
    {
        var description = ActivityHarness.Describe(typeof(ChattyActivity));

        Assert.That(description.IoBeforeRun, Is.Not.Empty);
        Assert.That(description.DesignProblems.Any(p => p.StartsWith("Network use before the activity method ran", StringComparison.Ordinal)), Is.True);
    }

    [Test]
    public void Describe_ClassWithoutActivityAttribute_IsRefused()
    {
        var ex = Assert.Throws<HarnessException>(() => ActivityHarness.Describe(typeof(SampleRow)));

        Assert.That(ex!.Message, Does.Contain("no [Activity] attribute"));
    }
}
