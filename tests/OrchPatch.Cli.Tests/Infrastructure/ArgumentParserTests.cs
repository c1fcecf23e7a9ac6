using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using NUnit.Framework;
using OrchPatch.Cli.Infrastructure;

namespace OrchPatch.Cli.Tests.Infrastructure;

[TestFixture]
public sealed class ArgumentParserTests
{
    private sealed class Probe : ICommand
    {
        public string Name => "probe";

        public string Summary => "probe";

        public string Usage => "orchpatch probe";

        public IReadOnlyList<string> Examples { get; } = new[] { "orchpatch probe" };

        public IReadOnlyList<OptionSpec> Options { get; } = new[]
        {
            OptionSpec.Value("url", "URL", "url"),
            OptionSpec.Value("servers", "LIST", "servers", repeatable: true),
            OptionSpec.Value("deadline", "DURATION", "deadline"),
            OptionSpec.Flag("json", "json"),
        };

        public PositionalSpec? Positional => PositionalSpec.Server;

        public Task<int> RunAsync(ParsedArguments arguments, CommandContext context) => Task.FromResult(0);
    }

    private static ParsedArguments Parse(IDictionary<string, string> env, params string[] args) =>
        ArgumentParser.Parse(new Probe(), args, n => env.TryGetValue(n, out var v) ? v : null);

    [Test]
    public void Parse_ValuesFlagsAndPositionals()
    {
        var parsed = Parse(new Dictionary<string, string>(), "RB01", "--url=http://x/", "--json", "--servers", "A,B", "--servers", "C");

        Assert.Multiple(() =>
        {
            Assert.That(parsed.Positionals, Is.EqualTo(new[] { "RB01" }));
            Assert.That(parsed.Value("url"), Is.EqualTo("http://x/"));
            Assert.That(parsed.Flag("json"), Is.True);
            Assert.That(parsed.List("servers"), Is.EqualTo(new[] { "A", "B", "C" }));
        });
    }

    [Test]
    public void Parse_MissingOption_ComesFromTheEnvironment()
    {
        var parsed = Parse(new Dictionary<string, string> { ["ORCHPATCH_URL"] = "http://env/", ["ORCHPATCH_JSON"] = "true" });

        Assert.That((parsed.Value("url"), parsed.Flag("json")), Is.EqualTo(("http://env/", true)));
    }

    [Test]
    public void Parse_CommandLine_WinsOverTheEnvironment()
    {
        var parsed = Parse(new Dictionary<string, string> { ["ORCHPATCH_URL"] = "http://env/" }, "--url", "http://cli/");

        Assert.That(parsed.Value("url"), Is.EqualTo("http://cli/"));
    }

    [TestCase("--url", Description = "no value")]
    [TestCase("--json=yes", Description = "flag with a value")]
    [TestCase("-x", Description = "single dash")]
    [TestCase("--jsno", Description = "a typo")]
    public void Parse_Malformed_IsAUsageError(string arg)
    {
        Assert.Throws<UsageException>(() => Parse(new Dictionary<string, string>(), arg));
    }

    [Test]
    public void Parse_RepeatedSingleOption_IsAUsageError()
    {
        var ex = Assert.Throws<UsageException>(() => Parse(new Dictionary<string, string>(), "--url", "a", "--url", "b"));

        Assert.That(ex!.Message, Does.StartWith("Option '--url' expects a single argument but 2 were provided."));
    }

    [Test]
    public void Parse_SecondPositional_IsRefusedNamingIt()
    {
        var ex = Assert.Throws<UsageException>(() => Parse(new Dictionary<string, string>(), "RB01", "extra-arg"));

        Assert.That(ex!.Message, Does.Contain("'extra-arg'").And.Not.Contain("'RB01'"));
    }

    [Test]
    public void Parse_FlagFromTheEnvironmentThatIsNoBoolean_NamesTheVariable()
    {
        var ex = Assert.Throws<UsageException>(() => Parse(new Dictionary<string, string> { ["ORCHPATCH_JSON"] = "sometimes" }));

        Assert.That(ex!.Message, Does.StartWith("ORCHPATCH_JSON (the fallback for --json)"));
    }

    [TestCase("90s", 90)]
    [TestCase("30m", 1800)]
    [TestCase("1h30m", 5400)]
    [TestCase("00:10:00", 600)]
    public void Duration_HumanForms_Parse(string text, int seconds)
    {
        var parsed = Parse(new Dictionary<string, string>(), "--deadline", text);

        Assert.That(parsed.Duration("deadline"), Is.EqualTo(TimeSpan.FromSeconds(seconds)));
    }

    [TestCase("soon")]
    [TestCase("10x")]
    [TestCase("20")]
    [TestCase("1.5")]
    public void Duration_Garbage_IsAUsageErrorNamingTheOption(string text)
    {
        var parsed = Parse(new Dictionary<string, string>(), "--deadline", text);

        var ex = Assert.Throws<UsageException>(() => parsed.Duration("deadline"));

        Assert.That(ex!.Message, Does.StartWith("--deadline must be a duration"));
    }

    [Test]
    public void Duration_BareNumber_NamesTheFormsWithAUnit()
    {
        var parsed = Parse(new Dictionary<string, string>(), "--deadline", "20");

        var ex = Assert.Throws<UsageException>(() => parsed.Duration("deadline"));

        Assert.That(ex!.Message, Is.EqualTo("--deadline must be a duration such as 30s, 45m, 2h or 1h30m (a number needs a unit); got '20'."));
    }

    [Test]
    public void Duration_BadValueFromTheEnvironment_NamesTheVariable()
    {
        var parsed = Parse(new Dictionary<string, string> { ["ORCHPATCH_DEADLINE"] = "20" });

        var ex = Assert.Throws<UsageException>(() => parsed.Duration("deadline"));

        Assert.That(ex!.Message, Does.StartWith("ORCHPATCH_DEADLINE (the fallback for --deadline) must be a duration"));
    }
}
