using System;
using System.Collections.Generic;
using System.Linq;
using OrchPatch.Core.Orchestrator;

namespace OrchPatch.Core.Tests.Orchestrator.Fakes;

/// <summary>The in-memory state behind the fake web service: servers, runbooks, jobs, instances. Small on purpose:
/// the faithful stand-in is the simulator; this holds only what the client's contract needs.</summary>
internal sealed class FakeOrchestrator
{
    public FakeOrchestrator(TimeProvider time) => Time = time;

    public TimeProvider Time { get; }

    public List<FakeServer> Servers { get; } = new();

    public List<FakeRunbook> Runbooks { get; } = new();

    public List<FakeJob> Jobs { get; } = new();

    public List<FakeInstance> Instances { get; } = new();

    public FakeServer AddServer(string name, Guid? id = null)
    {
        var server = new FakeServer(id ?? Guid.NewGuid(), name);
        Servers.Add(server);
        return server;
    }

    public FakeRunbook AddRunbook(string path, bool isMonitor = false, params string[] inParameters)
    {
        var runbook = new FakeRunbook(Guid.NewGuid(), path, isMonitor);
        foreach (var name in inParameters)
        {
            runbook.Parameters.Add(new FakeParameter(Guid.NewGuid(), runbook.Id, name, "In"));
        }

        Runbooks.Add(runbook);
        return runbook;
    }

    public FakeJob AddJob(FakeRunbook runbook, string status, FakeServer? runningOn = null, params (string Name, string Value)[] values)
    {
        var now = Time.GetUtcNow();
        var job = new FakeJob
        {
            Id = Guid.NewGuid(),
            RunbookId = runbook.Id,
            Status = status,
            RunbookServerId = runningOn?.Id,
            CreationTime = now,
            LastModifiedTime = now,
            CreatedBy = "S-1-5-500",
        };
        foreach (var (name, value) in values)
        {
            job.Parameters.Add((runbook.Parameters.Single(p => p.Name == name).Id, value));
        }

        Jobs.Add(job);
        return job;
    }

    public FakeRunbook RunbookOf(FakeJob job) => Runbooks.Single(r => r.Id == job.RunbookId);
}

internal sealed record FakeServer(Guid Id, string Name)
{
    public IReadOnlyDictionary<string, object?> Properties() => new Dictionary<string, object?> { ["Id"] = Id, ["Name"] = Name };
}

internal sealed record FakeParameter(Guid Id, Guid RunbookId, string Name, string Direction)
{
    public IReadOnlyDictionary<string, object?> Properties() => new Dictionary<string, object?>
    {
        ["Id"] = Id, ["RunbookId"] = RunbookId, ["Name"] = Name, ["Type"] = "String", ["Direction"] = Direction, ["Description"] = null,
    };
}

internal sealed record FakeRunbook(Guid Id, string Path, bool IsMonitor)
{
    public List<FakeParameter> Parameters { get; } = new();

    public string Name => Path.Substring(Path.LastIndexOf('\\') + 1);

    public IReadOnlyDictionary<string, object?> Properties() => new Dictionary<string, object?>
    {
        ["Id"] = Id, ["FolderId"] = Guid.Empty, ["Name"] = Name, ["Description"] = null, ["Path"] = Path, ["IsMonitor"] = IsMonitor,
        ["CheckedOutBy"] = null, ["CheckedOutTime"] = null,
    };
}

internal sealed class FakeJob
{
    public Guid Id { get; init; }

    public Guid RunbookId { get; init; }

    public string Status { get; set; } = "Pending";

    public Guid? RunbookServerId { get; set; }

    public List<string> RunbookServers { get; } = new();

    /// <summary>Values by parameter id, as the legacy service stores them.</summary>
    public List<(Guid ParameterId, string Value)> Parameters { get; } = new();

    public Guid? ParentId { get; set; }

    public bool? ParentIsWaiting { get; set; }

    public DateTimeOffset CreationTime { get; init; }

    public DateTimeOffset LastModifiedTime { get; set; }

    public string? CreatedBy { get; init; }

    /// <summary>The entity tag: the last-modified time, as the legacy service derives it.</summary>
    public string ETag => "W/\"datetime'" + LastModifiedTime.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF").Replace(":", "%3A") + "'\"";

    public IReadOnlyDictionary<string, object?> Properties() => new Dictionary<string, object?>
    {
        ["Id"] = Id, ["RunbookId"] = RunbookId, ["Status"] = Status, ["RunbookServerId"] = RunbookServerId,
        ["ParentId"] = ParentId, ["ParentIsWaiting"] = ParentIsWaiting, ["CreationTime"] = CreationTime,
        ["LastModifiedTime"] = LastModifiedTime, ["CreatedBy"] = CreatedBy,
    };

    public void Touch(TimeSpan by) => LastModifiedTime += by;
}

internal sealed record FakeInstance(Guid Id, Guid RunbookId, Guid JobId, Guid RunbookServerId, string Status, DateTimeOffset CreationTime, DateTimeOffset? CompletionTime)
{
    public IReadOnlyDictionary<string, object?> Properties() => new Dictionary<string, object?>
    {
        ["Id"] = Id, ["RunbookId"] = RunbookId, ["JobId"] = JobId, ["RunbookServerId"] = RunbookServerId, ["Status"] = Status,
        ["CreationTime"] = CreationTime, ["CompletionTime"] = CompletionTime,
    };
}
