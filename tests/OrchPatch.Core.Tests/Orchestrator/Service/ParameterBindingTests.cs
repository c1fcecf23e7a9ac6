using System;
using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;
using OrchPatch.Core.Orchestrator;

namespace OrchPatch.Core.Tests.Orchestrator.Service;

[TestFixture]
public sealed class ParameterBindingTests
{
    private static readonly RunbookParameter Server = new(Guid.NewGuid(), "Server", "String", RunbookParameterDirection.In);
    private static readonly RunbookParameter Upper = new(Guid.NewGuid(), "MODE", "String", RunbookParameterDirection.In);
    private static readonly RunbookParameter Lower = new(Guid.NewGuid(), "mode", "String", RunbookParameterDirection.In);
    private static readonly RunbookParameter Result = new(Guid.NewGuid(), "Result", "String", RunbookParameterDirection.Out);
    private static readonly Runbook Runbook = new(Guid.NewGuid(), "Patch", @"\Ops\Patch", false, new[] { Server, Upper, Lower, Result });

    [Test]
    public void Bind_ExactOrUnambiguousWithoutCase_ToTheParameter()
    {
        var bound = ParameterBinding.Bind(Runbook, new Dictionary<string, string> { ["server"] = "RB01", ["mode"] = "full" });

        Assert.That(bound.Select(b => (b.Key, b.Value)), Is.EqualTo(new[] { (Server, "RB01"), (Lower, "full") }));
    }

    [Test]
    public void Bind_AnOutParameterOrAnAmbiguousName_RefusedWithTheInParameters()
    {
        var ex = Assert.Throws<ArgumentException>(() => ParameterBinding.Bind(Runbook, new Dictionary<string, string> { ["Result"] = "x", ["Mode"] = "y" }));

        Assert.That(ex!.Message, Does.StartWith(@"Runbook '\Ops\Patch' has no In-parameter 'Result', 'Mode'. Its In-parameters: MODE, mode, Server."));
    }

    [Test]
    public void Bind_RunbookWithoutInputs_SaysSo()
    {
        var ex = Assert.Throws<ArgumentException>(() => ParameterBinding.Bind(Runbook with { Parameters = new[] { Result } }, new Dictionary<string, string> { ["x"] = "1" }));

        Assert.That(ex!.Message, Does.StartWith(@"Runbook '\Ops\Patch' has no In-parameter 'x'. It has no In-parameters."));
    }

    [Test]
    public void ByName_NameOrTheRunbooksNameForTheIdOrTheIdItself()
    {
        var deleted = Guid.Parse("60a8fa04-6293-4767-b842-46cba5790553");

        var values = ParameterBinding.ByName(new[] { new JobParameterValue(null, "Given", "1"), new JobParameterValue(Server.Id, null, "RB01"), new JobParameterValue(deleted, null, "old") }, Runbook);

        Assert.That(values, Is.EqualTo(new Dictionary<string, string> { ["Given"] = "1", ["Server"] = "RB01", ["{60a8fa04-6293-4767-b842-46cba5790553}"] = "old" }));
    }
}
