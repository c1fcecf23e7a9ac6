using System;
using NUnit.Framework;
using OrchPatch.Core.Orchestrator;

namespace OrchPatch.Core.Tests.Orchestrator.Connection;

[TestFixture]
public sealed class OrchestratorRetryArgumentsTests
{
    [TestCase(2500, "Could not list the jobs (attempt 1: 503 Service Unavailable); will retry after 2.5s")]
    [TestCase(30, "Could not list the jobs (attempt 1: 503 Service Unavailable); will retry after 0.03s", Description = "a short full-jitter draw is not shown as 0s")]
    [TestCase(30000, "Could not list the jobs (attempt 1: 503 Service Unavailable); will retry after 30s")]
    public void ToString_SaysWhatFailedAndWhenItIsTriedAgain(int milliseconds, string expected)
    {
        var arguments = new OrchestratorRetryArguments("list the jobs", 1, TimeSpan.FromMilliseconds(milliseconds), "503 Service Unavailable");

        Assert.That(arguments.ToString(), Is.EqualTo(expected));
    }
}
