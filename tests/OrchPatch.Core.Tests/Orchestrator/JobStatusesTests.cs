using System.Linq;
using NUnit.Framework;
using OrchPatch.Core.Orchestrator;

namespace OrchPatch.Core.Tests.Orchestrator;

[TestFixture]
public sealed class JobStatusesTests
{
    [TestCase("Pending", JobStatus.Pending)]
    [TestCase("Running", JobStatus.Running)]
    [TestCase("Failed", JobStatus.Failed)]
    [TestCase("Canceled", JobStatus.Canceled)]
    [TestCase("Completed", JobStatus.Completed)]
    [TestCase("running", JobStatus.Running, Description = "issue 13: a lower-case status read as Unknown hid a running job")]
    [TestCase(" PENDING ", JobStatus.Pending)]
    [TestCase("completed", JobStatus.Completed)]
    [TestCase("Cancelled", JobStatus.Unknown, Description = "the double-l spelling is not Orchestrator's")]
    [TestCase("Suspended", JobStatus.Unknown, Description = "a future status is kept as unknown, never a crash")]
    [TestCase(null, JobStatus.Unknown, Description = "m:null")]
    public void Parse_WireText_GivesStatus(string? text, JobStatus expected)
    {
        Assert.That(JobStatuses.Parse(text), Is.EqualTo(expected));
    }

    [Test]
    public void IsActive_OnlyPendingAndRunning()
    {
        Assert.That(new[] { JobStatus.Pending, JobStatus.Running, JobStatus.Failed, JobStatus.Canceled, JobStatus.Completed, JobStatus.Unknown }.Select(s => s.IsActive()),
            Is.EqualTo(new[] { true, true, false, false, false, false }));
    }
}
