using System;
using System.Collections.Generic;
using NUnit.Framework;
using OrchPatch.Core.Orchestrator;

namespace OrchPatch.Core.Tests.Orchestrator.Wire;

[TestFixture]
public sealed class JobParametersXmlTests
{
    private static readonly Guid First = Guid.Parse("60a8fa04-6293-4767-b842-46cba5790553");

    [Test]
    public void Build_TheReferenceShape_BracedIdsAndEscapedValues()
    {
        var xml = JobParametersXml.Build(new[] { new KeyValuePair<Guid, string>(First, "a <b> & \"c\"") });

        Assert.That(xml, Is.EqualTo("<Data><Parameter><ID>{60a8fa04-6293-4767-b842-46cba5790553}</ID><Value>a &lt;b&gt; &amp; \"c\"</Value></Parameter></Data>"));
    }

    [Test]
    public void Parse_WhatBuildWrote_SameValues()
    {
        var values = JobParametersXml.Parse(JobParametersXml.Build(new[] { new KeyValuePair<Guid, string>(First, "a <b> & \"c\""), new KeyValuePair<Guid, string>(Guid.Empty, string.Empty) }));

        Assert.That(values, Is.EqualTo(new[] { new JobParameterValue(First, null, "a <b> & \"c\""), new JobParameterValue(Guid.Empty, null, string.Empty) }));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("<Data><Parameter>")]
    [TestCase("plain text")]
    public void Parse_NothingOrNotThisXml_NoValues(string? text)
    {
        Assert.That(JobParametersXml.Parse(text), Is.Empty);
    }
}
