using System;
using System.Collections.Generic;
using System.Linq;
using OrchPatch.Pack.Definition;
using OrchPatch.Pack.Export;
using OrchPatch.Pack.Ids;

namespace OrchPatch.Pack.Samples;

/// <summary>
/// The four sample runbooks, one method each. Every id is a name-based GUID of "runbook/activity[/part]" in the pack's
/// sample namespace, so renaming an activity changes its id and nothing else does.
/// </summary>
internal sealed class PatchRunbooks
{
    /// <summary>The common published data of every activity: the runbook server that runs the job.</summary>
    private const string ThisRunbookServer = "Server.Name";

    private const int Left = 21;
    private const int Top = 2;
    private const int ColumnWidth = 150;
    private const int RowHeight = 120;

    private readonly PackDefinition _pack;
    private readonly ActivityTypes _types;
    private readonly string _connection;
    private readonly SampleRunbookNames _names;
    private readonly Dictionary<string, Runbook> _built = new(StringComparer.Ordinal);

    public PatchRunbooks(PackDefinition pack, ActivityTypes types, string connection)
    {
        _pack = pack;
        _types = types;
        _connection = connection;
        _names = pack.Samples;
    }

    private PackActivity Drain => _pack.Activity("Drain Runbook Server");

    private PackActivity Restore => _pack.Activity("Restore Runbook Server");

    private PackActivity Status => _pack.Activity("Get Runbook Server Status");

    public ExportFolder Build()
    {
        // Invoked runbooks first: an Invoke Runbook needs its target's id and parameters.
        Add(WaitRunbook());
        Add(RunPatch());
        Add(PatchServer());
        Add(PatchOrchestrator());
        var order = new[] { _names.PatchOrchestrator, _names.PatchServer, _names.WaitRunbook, _names.RunPatch };
        return new ExportFolder(Id(_names.Folder), _names.Folder, order.Select(n => _built[n]).ToArray());
    }

    /// <summary>"4: WaitRunbook": Initialize Data with the maintenance record, then a loop that never ends.</summary>
    private Runbook WaitRunbook() => ScriptRunbook(
        _names.WaitRunbook,
        "Holds the last job slot of a runbook server in maintenance. Started by Drain Runbook Server, pinned to the server; stopped by Restore Runbook Server. Its parameters are the maintenance record.",
        "The maintenance record Drain Runbook Server writes when it starts this runbook.",
        _names.WaitRunbookParameters.Select(p => (p, "Part of the maintenance record written by Drain Runbook Server.")).ToArray(),
        "Hold the last slot",
        "Runs until Restore Runbook Server stops this job, so the server takes no other job.",
        _names.Scripts.WaitForever);

    /// <summary>"7: Run Patch": Initialize Data with the server, then the site's own patching (a documented example).</summary>
    private Runbook RunPatch() => ScriptRunbook(
        _names.RunPatch,
        "Patches one drained runbook server and returns when it is patched, restarted and answering again. Replace the script with your own patching; keep its contract (see the script's header).",
        "The runbook server to patch.",
        new[] { ("Server", "The runbook server to patch; it has been drained.") },
        "Patch the server (replace with your own)",
        "THE PLACE FOR YOUR SITE'S OWN PATCHING. The example installs updates with PSWindowsUpdate, restarts the server and waits until it answers. Throw on failure.",
        _names.Scripts.RunPatch);

    /// <summary>A runbook of two activities: Initialize Data, then a script whose <c>{{Parameter}}</c> placeholders subscribe to its parameters.</summary>
    private Runbook ScriptRunbook(string rb, string description, string initDescription, (string Name, string Description)[] parameters, string scriptName, string scriptDescription, string template)
    {
        var init = Initialize(rb, 0, initDescription, parameters);
        var values = init.Parameters.ToDictionary(p => p.Name, p => Subscription.ToParameter(init.Id, p.Id), StringComparer.Ordinal);
        var script = Script(rb, scriptName, 1, scriptDescription, template, values);
        return new Runbook(Id(rb), rb, description, new RunbookActivity[] { init, script }, new[] { Link(rb, "Start", init, script) });
    }

    /// <summary>
    /// "3: PatchServer": drain, run the patch and wait, restore. If the patch fails, a second restore gives the server back
    /// and a script ends the runbook Failed. If the drain fails, the engine has left the server as it was and the runbook
    /// fails there.
    /// </summary>
    private Runbook PatchServer()
    {
        var rb = _names.PatchServer;
        var init = Initialize(rb, 0, "The server to patch and why.", ("Server", "The runbook server to patch."), ("Reason", "Why it is patched (recorded in its maintenance record); optional."));
        var server = Subscription.ToParameter(init.Id, init.Parameters[0].Id);
        var drain = Toolkit(rb, "Drain Runbook Server", Drain, 1, 0, "Empties the server: holds its last slot with the Wait Runbook, moves monitors, waits for its jobs. On failure the server is left as it was.", new Dictionary<string, string>
        {
            ["Runbook Server"] = server,
            ["Reason"] = Subscription.ToParameter(init.Id, init.Parameters[1].Id),
        }) with
        {
            // Its moved jobs are correlated rows: unflattened, the patch would run once per moved job (or not at all).
            Flatten = true,
        };
        var runPatch = _built[_names.RunPatch];
        var invoke = Invoke(rb, "Run Patch", 2, 0, "Runs \"" + _names.RunPatch + "\" on this job's runbook server (never on the one being patched) and waits for it.", runPatch, Subscription.To(init.Id, ThisRunbookServer), wait: true, new Dictionary<string, string> { ["Server"] = server });
        var restoreInputs = new Dictionary<string, string>
        {
            ["Runbook Server"] = server,
            ["Wait Job ID"] = Subscription.To(drain.Id, "Wait Job ID"),
        };
        var restore = Toolkit(rb, "Restore Runbook Server", Restore, 3, 0, "Puts the server's max jobs back and stops the Wait Runbook job.", restoreInputs);
        var restoreAfterFailure = Toolkit(rb, "Restore after failed patch", Restore, 3, 1, "The patch failed: give the server back to Orchestrator all the same.", restoreInputs);
        var fail = Script(rb, "Fail: patch failed", 4, "Ends this runbook Failed after the server was restored, so the failure is seen.", _names.Scripts.FailAfterRestore, 1, new Dictionary<string, string> { ["Server"] = server });
        return new Runbook(
            Id(rb),
            rb,
            "Patches one runbook server: Drain Runbook Server, \"" + _names.RunPatch + "\", Restore Runbook Server. A failed patch still restores the server, then fails visibly.",
            new RunbookActivity[] { init, drain, invoke, restore, restoreAfterFailure, fail },
            new[]
            {
                Link(rb, "Start", init, drain),
                Link(rb, "Drained", drain, invoke),
                Link(rb, "Patched", invoke, restore),
                Link(rb, "Patch failed", invoke, restoreAfterFailure, OisFormat.LinkColors.Red, OisFormat.Results.WarningOrFailed),
                Link(rb, "Restored after failure", restoreAfterFailure, fail, OisFormat.LinkColors.Red),
            });
    }

    /// <summary>
    /// "1: Patch Orchestrator": patches every runbook server, one at a time, each from another server. This job itself runs
    /// on one of them, and draining that server would wait for this very job: so the other servers come first, each
    /// waited for, and this job's own server last, started without waiting, so this job ends and that server drains.
    /// </summary>
    private Runbook PatchOrchestrator()
    {
        var rb = _names.PatchOrchestrator;
        var init = Initialize(rb, 0, "Why the servers are patched.", ("Reason", "Why the servers are patched (recorded in each maintenance record); optional."));
        var reason = Subscription.ToParameter(init.Id, init.Parameters[0].Id);
        var all = Toolkit(rb, "Get Runbook Servers", Status, 1, 0, "Each runbook server as one value of the multi-valued Runbook Server, so the next activity runs once per server.", new Dictionary<string, string>());
        var patchServer = _built[_names.PatchServer];
        var others = Invoke(rb, "Patch other server", 2, 0, "For each server but this job's own, one at a time: \"" + _names.PatchServer + "\" on this job's server (never the one patched), waited for.", patchServer, Subscription.To(init.Id, ThisRunbookServer), wait: true, new Dictionary<string, string>
        {
            ["Server"] = Subscription.To(all.Id, "Runbook Server"),
            ["Reason"] = reason,
        });
        var junction = new Junction(Id(rb, "Other servers patched"), "Other servers patched", "Waits until every other server is patched, then goes on once.", Position(3, 0), Branch: null);
        var own = Toolkit(rb, "Get this job's server", Status, 4, 0, "The runbook server running this job, patched last.", new Dictionary<string, string> { ["Runbook Server"] = Subscription.To(init.Id, ThisRunbookServer) });
        var last = Invoke(rb, "Patch this server last", 5, 0, "Starts \"" + _names.PatchServer + "\" for this job's own server on the other servers without waiting: this job ends, so that server can drain.", patchServer, Subscription.To(own.Id, "Other Runbook Servers"), wait: false, new Dictionary<string, string>
        {
            ["Server"] = Subscription.To(own.Id, "Runbook Server"),
            ["Reason"] = reason,
        });
        var notThisServer = new LinkCondition(Id(rb, "Each other server", "exclude this job's server"), Include: false, "equals", GuidText.Format(all.Id) + ".Runbook Server", Subscription.To(init.Id, ThisRunbookServer));
        return new Runbook(
            Id(rb),
            rb,
            "Patches every runbook server one at a time, each through \"" + _names.PatchServer + "\" run on the other servers; the server running this job comes last. Schedule it for the maintenance window.",
            new RunbookActivity[] { init, all, others, junction, own, last },
            new[]
            {
                Link(rb, "Start", init, all),
                Link(rb, "Each other server", all, others, OisFormat.LinkColors.Default, OisFormat.Results.Success, notThisServer),
                Link(rb, "Patched", others, junction),
                Link(rb, "Then this server", junction, own),
                Link(rb, "Last", own, last),
            });
    }

    private void Add(Runbook runbook) => _built.Add(runbook.Name, runbook);

    private Guid Id(params string[] parts) => NameBasedGuid.Create(_names.IdNamespace, string.Join("/", parts));

    private static CanvasPosition Position(int column, int row) => new(Left + (column * ColumnWidth), Top + (row * RowHeight));

    private InitializeData Initialize(string runbook, int column, string description, params (string Name, string Description)[] parameters)
    {
        const string Name = "Initialize Data";
        return new InitializeData(
            Id(runbook, Name),
            Name,
            description,
            Position(column, 0),
            parameters.Select(p => new RunbookParameter(Id(runbook, Name, p.Name), p.Name, p.Description)).ToArray());
    }

    private RunScript Script(string runbook, string name, int column, string description, string template, IReadOnlyDictionary<string, string> values) =>
        Script(runbook, name, column, description, template, 0, values);

    private RunScript Script(string runbook, string name, int column, string description, string template, int row, IReadOnlyDictionary<string, string> values) =>
        new(Id(runbook, name), name, description, Position(column, row), ScriptTemplate.Fill(template, runbook + " / " + name, values));

    private InvokeRunbook Invoke(string runbook, string name, int column, int row, string description, Runbook target, string? servers, bool wait, IReadOnlyDictionary<string, string> values)
    {
        var targetParameters = target.Activities.OfType<InitializeData>().Single().Parameters;
        var unknown = values.Keys.Except(targetParameters.Select(p => p.Name), StringComparer.Ordinal).ToArray();
        if (unknown.Length > 0)
        {
            throw new InvalidOperationException($"Bug in OrchPatch: '{runbook}/{name}' passes {string.Join(", ", unknown)}, which '{target.Name}' does not take.");
        }

        return new InvokeRunbook(
            Id(runbook, name),
            name,
            description,
            Position(column, row),
            target.Id,
            "Policies\\" + _names.Folder + "\\" + target.Name,
            servers,
            wait,
            targetParameters.Select(p => new InvokeParameter(Id(runbook, name, p.Name), p.Id, p.Name, values.TryGetValue(p.Name, out var v) ? v : string.Empty)).ToArray());
    }

    /// <summary>A pack activity in the toolkit layout: inputs given here or by their defaults, the connection by name.</summary>
    private ToolkitActivity Toolkit(string runbook, string name, PackActivity activity, int column, int row, string description, IReadOnlyDictionary<string, string> values)
    {
        var unknown = values.Keys.Except(activity.Inputs.Select(i => i.Name), StringComparer.Ordinal).ToArray();
        var missing = activity.Inputs.Where(i => i.Required && !values.ContainsKey(i.Name)).Select(i => i.Name).ToArray();
        if (unknown.Length > 0 || missing.Length > 0)
        {
            throw new InvalidOperationException($"Bug in OrchPatch: '{runbook}/{name}' sets unknown inputs [{string.Join(", ", unknown)}] or misses required ones [{string.Join(", ", missing)}] of {activity.DisplayName}.");
        }

        var properties = activity.Inputs
            .Select(i => (Input: i, Value: values.TryGetValue(i.Name, out var v) ? v : i.Default))
            .Where(p => p.Value is not null)
            .Select(p => new ToolkitProperty(p.Input.Name, p.Value!, p.Input.Type == InputType.List ? 4 : 0))
            .ToArray();
        var executionData = activity.Inputs.Select(i => new ExecutionDataItem(i.Name, i.Type == InputType.Int ? "Integer" : "String", string.Empty))
            .Concat(activity.Outputs.Select(o => new ExecutionDataItem(o.Name, o.Type == OutputType.Number ? "Integer" : "String", o.Description ?? string.Empty)))
            .ToArray();
        return new ToolkitActivity(Id(runbook, name), name, description, Position(column, row), _types.For(activity), activity.DisplayName, _connection, properties, executionData);
    }

    private RunbookLink Link(string runbook, string name, RunbookActivity source, RunbookActivity target, int color = OisFormat.LinkColors.Default, string results = OisFormat.Results.Success, params LinkCondition[] more)
    {
        var id = Id(runbook, name, source.Name, target.Name);
        var onResult = new LinkCondition(Id(runbook, name, source.Name, target.Name, "result"), Include: true, Comparison: null, GuidText.Format(source.Id), results);
        return new RunbookLink(id, name, source.Id, target.Id, color, new[] { onResult }.Concat(more).ToArray());
    }
}
