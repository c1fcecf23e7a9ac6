using NUnit.Framework;
using OrchPatch.Cli.Reports;

namespace OrchPatch.Cli.Tests.Reports;

[TestFixture]
public sealed class HtmlTimelineReportTests
{
    [TestCase(@"\Ops\Backup Database", 200.0, "Backup Database", Description = "room for the whole name")]
    [TestCase(@"\Ops\Backup Database", 60.0, "Backup Data\u2026", Description = "cut to the 12 characters that fit (56 units at 4.5 each), the last one an ellipsis")]
    [TestCase(@"\Ops\Sync\", 60.0, "Sync", Description = "a trailing backslash is not an empty name")]
    [TestCase("Loose", 60.0, "Loose", Description = "a name without a folder")]
    public void Label_BarWidth_IsTheRunbooksNameCutToFit(string path, double width, string expected) =>
        Assert.That(HtmlTimelineReport.Label(path, width), Is.EqualTo(expected));
}
