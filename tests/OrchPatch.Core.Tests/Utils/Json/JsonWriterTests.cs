using System.Collections.Generic;
using NUnit.Framework;
using OrchPatch.Core.Utils.Json;

namespace OrchPatch.Core.Tests.Utils.Json;

[TestFixture]
public sealed class JsonWriterTests
{
    [Test]
    public void Write_StartBody_KeepsOrderAndShapes()
    {
        var body = JsonWriter.Write(new[]
        {
            Property("RunbookId", "0e3d0830-5bb6-4717-bb94-330e0338f153"),
            Property("RunbookServers", new[] { "RBS01" }),
            Property("Parameters", new[] { new[] { Property("Name", "Parameter 1"), Property("Value", "Some text") } }),
            Property("CreatedBy", null),
        });

        Assert.That(body, Is.EqualTo(
            "{\"RunbookId\":\"0e3d0830-5bb6-4717-bb94-330e0338f153\",\"RunbookServers\":[\"RBS01\"]," +
            "\"Parameters\":[{\"Name\":\"Parameter 1\",\"Value\":\"Some text\"}],\"CreatedBy\":null}"));
    }

    [Test]
    public void Write_StringsThatNeedEscaping_RoundTripThroughTheReader()
    {
        const string text = "quote \" backslash \\ newline \n tab \t bell \u0007 separator \u2028 é";

        var json = JsonWriter.Write(text);

        Assert.That((json.Contains('\u0007'), JsonReader.Parse(json)), Is.EqualTo((false, text)));
    }

    [Test]
    public void Write_Scalars()
    {
        Assert.That(JsonWriter.Write(new object?[] { true, false, 42, null }), Is.EqualTo("[true,false,42,null]"));
    }

    private static KeyValuePair<string, object?> Property(string name, object? value) => new(name, value);
}
