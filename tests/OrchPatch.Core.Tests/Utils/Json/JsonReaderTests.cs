using System;
using System.Collections.Generic;
using NUnit.Framework;
using OrchPatch.Core.Utils.Json;

namespace OrchPatch.Core.Tests.Utils.Json;

[TestFixture]
public sealed class JsonReaderTests
{
    [Test]
    public void Parse_ODataCollection_KeepsEveryValueAsSent()
    {
        var root = (JsonObject)JsonReader.Parse(
            "{\"@odata.context\":\"x\",\"value\":[{\"Id\":\"0e3d0830-5bb6-4717-bb94-330e0338f153\",\"IsMonitor\":true,\"Count\":12,\"Path\":null}],\"@odata.count\":1}")!;
        var row = (JsonObject)((List<object?>)root["value"]!)[0]!;

        Assert.That(
            (row["Id"], row["IsMonitor"], row["Count"], row["Path"], root["@odata.count"]),
            Is.EqualTo(("0e3d0830-5bb6-4717-bb94-330e0338f153", (object)true, (object)12m, (object?)null, (object)1m)));
    }

    [Test]
    public void Parse_PropertyNames_AreComparedWithoutCase()
    {
        var row = (JsonObject)JsonReader.Parse("{\"runbookId\":\"a\"}")!;

        Assert.That(row["RunbookId"], Is.EqualTo("a"));
    }

    [TestCase("\"a\\\"b\\\\c\\/d\\n\\t\\u00e9\\ud83d\\ude00\"", "a\"b\\c/d\n\té😀", Description = "every escape, a surrogate pair")]
    [TestCase("\"\"", "", Description = "empty")]
    public void Parse_Strings_Unescaped(string json, string expected)
    {
        Assert.That(JsonReader.Parse(json), Is.EqualTo(expected));
    }

    [TestCase("-1.5e2", -150.0)]
    [TestCase("1e400", double.PositiveInfinity, Description = "beyond decimal and double: kept as double")]
    public void Parse_Numbers(string json, double expected)
    {
        Assert.That(Convert.ToDouble(JsonReader.Parse(json)), Is.EqualTo(expected));
    }

    [Test]
    public void Parse_WhiteSpaceAndByteOrderMark_Ignored()
    {
        Assert.That(JsonReader.Parse("\ufeff \r\n[ 1 , [ ] , { } ]\n"), Has.Count.EqualTo(3));
    }

    [TestCase("{\"a\":1,}", "character 8: expected a property name", Description = "trailing comma")]
    [TestCase("[1 2]", "character 4: expected ',' but found '2'")]
    [TestCase("\"open", "character 6: unterminated string")]
    [TestCase("{\"a\":tru}", "character 6: unexpected 't'")]
    [TestCase("", "character 1: unexpected end")]
    [TestCase("{} x", "character 4: unexpected text after the value")]
    [TestCase("\"\\x\"", "character 4: bad escape \\x")]
    public void Parse_Malformed_SaysWhereAndWhat(string json, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => JsonReader.Parse(json));

        Assert.That(ex!.Message, Is.EqualTo("Not valid JSON at " + expected + "."));
    }

    [Test]
    public void Parse_TooDeep_RefusedNotAStackOverflow()
    {
        Assert.Throws<FormatException>(() => JsonReader.Parse(new string('[', 100_000)));
    }
}
