using System;
using System.Buffers.Binary;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using NUnit.Framework;
using OrchPatch.Cli.Infrastructure;

namespace OrchPatch.Cli.Tests.Commands;

/// <summary>Issue 17: the demo's HTML report opened in headless Chromium (Debian package chromium, which .ci/run
/// installs): what the page is after its script ran (<c>--dump-dom</c>), at a narrow window, and a screenshot.
/// Ignored, with the reason, on a machine without Chromium.</summary>
[TestFixture]
public sealed class HtmlReportInBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";
    private string _folder = string.Empty;
    private string _report = string.Empty;

    [OneTimeSetUp]
    public async Task WriteTheReport()
    {
        if (!File.Exists(Chromium))
        {
            Assert.Ignore($"{Chromium} is missing (Debian package chromium; .ci/run installs it as root): the report is not opened in a browser here.");
        }

        _folder = Path.Combine(Path.GetTempPath(), "orchpatch-report-" + Guid.NewGuid());
        Directory.CreateDirectory(_folder);
        _report = Path.Combine(_folder, "demo.html");
        var result = await CliRunner.RunAsync("demo", "--quiet", "--report", _report);
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.All);
    }

    [OneTimeTearDown]
    public void RemoveTheReport()
    {
        if (_folder.Length > 0 && Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Test]
    public void DumpDom_NarrowWindow_ScriptDrewTheCapacityChartAndThePageFitsTheWidth()
    {
        var dom = RunChromium("--window-size=800,600", "--dump-dom");

        var body = Regex.Match(dom, "<body data-rendered=\"(?<what>[^\"]*)\" data-scroll-width=\"(?<scroll>\\d+)\" data-client-width=\"(?<client>\\d+)\">");
        Assert.That(body.Success, Is.True, "the page's script ran to its end and recorded the layout");
        var paths = Regex.Matches(dom, "<path class=\"(?<class>[a-z-]+)\" d=\"(?<d>[^\"]*)\"").ToDictionary(m => m.Groups["class"].Value, m => m.Groups["d"].Value);
        Assert.Multiple(() =>
        {
            Assert.That(body.Groups["what"].Value, Is.EqualTo("capacity"));
            Assert.That(int.Parse(body.Groups["scroll"].Value), Is.LessThanOrEqualTo(int.Parse(body.Groups["client"].Value)), "nothing wider than an 800-pixel window");
            Assert.That(paths.Keys, Is.EquivalentTo(new[] { "servers-accepting-work", "free-slots" }), "the capacity chart's two lines");
            Assert.That(paths.Values.Select(d => Regex.Matches(d, "H").Count), Is.All.GreaterThan(10), "each line steps with the farm, not a flat default");
            Assert.That(dom, Does.Contain("<dt>Lower bound</dt>").And.Contain("<dt>Monitor gap</dt>"), "the page explains its terms");
            Assert.That(Regex.Matches(dom, "class=\"bar-label\"").Count, Is.GreaterThan(0), "long job bars carry their runbook's name");
        });
    }

    [Test]
    public void Screenshot_OfTheReport_IsAPictureOfTheWindowsSize()
    {
        var png = Path.Combine(_folder, "demo.png");

        RunChromium("--window-size=1280,900", "--screenshot=" + png);

        var bytes = File.ReadAllBytes(png);
        Assert.Multiple(() =>
        {
            Assert.That(bytes.Take(8), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "a PNG");
            // IHDR is the first chunk: width and height, big-endian, at bytes 16 and 20.
            Assert.That((BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20))), Is.EqualTo((1280, 900)));
            Assert.That(bytes.Length, Is.GreaterThan(20_000), "a page drawn, not a blank window");
        });
    }

    /// <summary>Chromium headless with the flags a closed network needs (no background connections) and a fresh
    /// profile; as root it needs --no-sandbox.</summary>
    private string RunChromium(params string[] args)
    {
        var info = new ProcessStartInfo(Chromium) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var flag in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir=" + Path.Combine(_folder, "profile-" + Guid.NewGuid()) })
        {
            info.ArgumentList.Add(flag);
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.ArgumentList.Add(new Uri(_report).AbsoluteUri);
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        Assert.That(process.WaitForExit(90_000), Is.True, "chromium " + string.Join(" ", args));
        Assert.That(process.ExitCode, Is.EqualTo(0), error.Result);
        return output;
    }
}
