using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.SystemCenter.Orchestrator.Integration;

namespace OrchPatch.Activities.Tests.Harness;

public enum SampleMode
{
    Fast,
    Careful,
}

[ActivityData("Sample Connection")]
public sealed class SampleConnection
{
    [ActivityInput("Url")]
    public string Url { get; set; } = string.Empty;

    [ActivityInput("Password", Optional = true, PasswordProtected = true)]
    public string Password { get; set; } = string.Empty;
}

[ActivityData("Sample Row")]
public sealed class SampleRow
{
    [ActivityOutput("Index")]
    public int Index { get; set; }

    [ActivityOutput("Label")]
    public string Label { get; set; } = string.Empty;
}

[Activity("Sample Declarative", Description = "Echoes its inputs.")]
public sealed class SampleDeclarativeActivity
{
    [ActivityConfiguration]
    public SampleConnection Connection { get; set; } = new();

    [ActivityInput("Server")]
    public string Server { get; set; } = string.Empty;

    [ActivityInput("Count", Default = 3)]
    public int Count { get; set; }

    [ActivityInput("Mode", Default = "Careful")]
    public SampleMode Mode { get; set; }

    [ActivityInput("Note", Optional = true)]
    public string Note { get; set; } = "(none)";

    [ActivityOutput("Echo")]
    public string Echo { get; private set; } = string.Empty;

    [ActivityOutput("Doubled")]
    public int Doubled { get; private set; }

    [ActivityOutput("Rows")]
    public IEnumerable<SampleRow> Rows { get; private set; } = Array.Empty<SampleRow>();

    [ActivityMethod]
    public void Run()
    {
        if (Server == "warn")
        {
            throw new ActivityWarning("nothing to do for warn");
        }

        if (Server == "fail")
        {
            throw new InvalidOperationException("fail was asked to fail");
        }

        Echo = $"{Server}|{Mode}|{Note}|{Connection.Url}";
        Doubled = Count * 2;
        Rows = Enumerable.Range(1, Count).Select(i => new SampleRow { Index = i, Label = Server + i }).ToArray();
    }
}

[Activity("Sample Imperative")]
public sealed class SampleImperativeActivity : IActivity
{
    [ActivityConfiguration]
    public SampleConnection Connection { get; set; } = new();

    public void Design(IActivityDesigner designer)
    {
        designer.AddInput("Server").WithComputerBrowser();
        designer.AddInput("Times").WithDefaultValue(2);
        designer.AddInput("Verbose").NotRequired().WithBooleanBrowser();
        designer.AddOutput("Greeting").AsString();
        designer.AddOutput("Times Two").AsNumber();
        designer.AddCorellatedData(typeof(SampleRow));
    }

    public void Execute(IActivityRequest request, IActivityResponse response)
    {
        var server = request.Inputs["Server"].AsString();
        if (server == "warn")
        {
            throw new ActivityWarning("warned");
        }

        var times = request.Inputs["Times"].AsInt32();
        var verbose = request.Inputs.Contains("Verbose") && request.Inputs["Verbose"].AsBoolean();
        response.Publish("Greeting", $"hello {server}{(verbose ? "!" : string.Empty)} via {Connection.Url}");
        response.Publish("Times Two", times * 2);
        response.PublishRange(Enumerable.Range(1, times).Select(i => new SampleRow { Index = i, Label = "r" + i }));
    }
}

[Activity("Bad Design")]
public sealed class BadDesignActivity
{
    [ActivityInput("Name")]
    public string First { get; set; } = string.Empty;

    [ActivityInput("name")]
    public string Second { get; set; } = string.Empty;

    [ActivityInput("Count", Default = "many")]
    public int Count { get; set; }

    [ActivityInput("Mode", Default = "Reckless")]
    public SampleMode Mode { get; set; }

    [ActivityOutput("Result")]
    public string Result => First;

    [ActivityOutput("Result")]
    public string AlsoResult => Second;
}

[Activity("Chatty")]
public sealed class ChattyActivity
{
    public ChattyActivity()
    {
        // What an activity must never do: reach the network while Runbook Designer merely loads it.
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            client.GetAsync(new Uri("http://127.0.0.1:9/")).GetAwaiter().GetResult();
        }
        catch (HttpRequestException)
        {
        }
        catch (TaskCanceledException)
        {
        }
    }

    [ActivityOutput("Nothing")]
    public string Nothing => string.Empty;
}
