using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using OrchPatch.Pack.Export;
using OrchPatch.Pack.Ids;

namespace OrchPatch.Pack.Validation;

/// <summary>The runbooks an Invoke Runbook may start: those in the file, and those named as external.</summary>
internal sealed class InvokeTargets
{
    private readonly Dictionary<Guid, ExportedRunbook> _inFile;
    private readonly IReadOnlyCollection<string> _external;

    public InvokeTargets(IEnumerable<ExportedRunbook> runbooks, IReadOnlyCollection<string> external)
    {
        _inFile = runbooks.Where(r => r.Id is not null).GroupBy(r => r.Id!.Value).ToDictionary(g => g.Key, g => g.First());
        _external = external;
    }

    public ExportedRunbook? InFile(Guid id) => _inFile.TryGetValue(id, out var runbook) ? runbook : null;

    public bool IsExternal(Guid id, string? path) =>
        _external.Any(e => string.Equals(e, GuidText.Format(id), StringComparison.OrdinalIgnoreCase)
            || (path is not null && string.Equals(e.TrimStart('\\'), path.TrimStart('\\'), StringComparison.OrdinalIgnoreCase)));
}

/// <summary>
/// The checks that need a runbook's link graph: links join activities of the runbook; Invoke Runbook targets exist;
/// subscriptions point at activities upstream of the subscriber and at data they publish (where the layout says).
/// </summary>
internal sealed class RunbookGraph
{
    private static readonly Regex Branch = new(Regex.Escape(OisFormat.BranchMarker) + "(?<id>.*?)" + Regex.Escape(OisFormat.BranchMarker), RegexOptions.CultureInvariant);

    private readonly ExportedRunbook _runbook;
    private readonly InvokeTargets _targets;
    private readonly ProblemList _problems;
    private readonly Dictionary<Guid, ExportedObject> _activities;
    private readonly Dictionary<Guid, HashSet<Guid>> _predecessors = new();

    public RunbookGraph(ExportedRunbook runbook, InvokeTargets targets, ProblemList problems)
    {
        _runbook = runbook;
        _targets = targets;
        _problems = problems;
        _activities = runbook.Objects.Where(o => !o.IsLink && o.Id is not null).GroupBy(o => o.Id!.Value).ToDictionary(g => g.Key, g => g.First());
    }

    public void Check()
    {
        foreach (var obj in _runbook.Objects)
        {
            if (obj.Id is null)
            {
                Report(obj, "has no braced upper-case UniqueID.");
            }

            if (_runbook.Id is { } runbookId && obj.GuidField("ParentID") != runbookId)
            {
                Report(obj, $"its ParentID {obj.Field("ParentID")} is not its runbook's id {GuidText.Format(runbookId)}.");
            }
        }

        var links = _runbook.Objects.Where(o => o.IsLink).ToArray();
        foreach (var link in links)
        {
            if (link.GuidField("SourceObject") is { } from && link.GuidField("TargetObject") is { } to)
            {
                if (!_predecessors.TryGetValue(to, out var before))
                {
                    _predecessors[to] = before = new HashSet<Guid>();
                }

                before.Add(from);
            }
        }

        foreach (var link in links)
        {
            Link(link);
        }

        foreach (var activity in _activities.Values)
        {
            if (activity.TypeName == OisFormat.Types.TriggerPolicy.Name)
            {
                Invoke(activity);
            }

            Subscriptions(activity, activity.Element, Upstream(activity.Id!.Value, includeSelf: false));
            Branches(activity);
        }
    }

    private void Link(ExportedObject link)
    {
        var source = End(link, "SourceObject", "source");
        var target = End(link, "TargetObject", "target");
        if (source is null || target is null)
        {
            return;
        }

        if (source == target)
        {
            Report(link, "links an activity to itself.");
        }

        foreach (var entry in link.Element.Element(OisFormat.Tables.Triggers)?.Elements("Entry") ?? Enumerable.Empty<XElement>())
        {
            if (entry.Element("ParentID")?.Value is { } parent && parent != GuidText.Format(link.Id ?? Guid.Empty))
            {
                Report(link, $"a condition's ParentID {parent} is not the link's id.");
            }

            var data = entry.Element("Data")?.Value ?? string.Empty;
            var dataSource = data.Length >= 38 ? data.Substring(0, 38) : data;
            if (dataSource != GuidText.Format(source.Value))
            {
                Report(link, $"a condition tests '{data}', which is not data of the link's source {GuidText.Format(source.Value)}.");
            }
            else if (data.Length > 39 && _activities.TryGetValue(source.Value, out var sourceActivity))
            {
                PublishedName(link, sourceActivity, data.Substring(39));
            }
        }

        // Conditions may compare with published data of the source or anything before it.
        var upstream = Upstream(source.Value, includeSelf: true);
        foreach (var value in link.Element.Descendants("Value"))
        {
            Subscriptions(link, value, upstream);
        }
    }

    private Guid? End(ExportedObject link, string field, string what)
    {
        var id = link.GuidField(field);
        if (id is null)
        {
            Report(link, $"its {what} '{link.Field(field)}' is not a braced upper-case GUID.");
            return null;
        }

        if (!_activities.ContainsKey(id.Value))
        {
            Report(link, $"its {what} {GuidText.Format(id.Value)} is not an activity of this runbook (a dangling link).");
            return null;
        }

        return id;
    }

    private void Invoke(ExportedObject invoke)
    {
        var target = invoke.GuidField("PolicyObjectID");
        var path = invoke.Field("PolicyPath");
        if (target is null)
        {
            Report(invoke, $"invokes '{invoke.Field("PolicyObjectID")}', which is not a braced upper-case runbook GUID.");
            return;
        }

        var inFile = _targets.InFile(target.Value);
        if (inFile is null)
        {
            if (!_targets.IsExternal(target.Value, path))
            {
                Report(invoke, $"invokes runbook {GuidText.Format(target.Value)} ({path}), which is not in this file; name it as external if it is imported separately.");
            }

            return;
        }

        var parameters = inFile.Objects.Where(o => o.TypeName == OisFormat.Types.CustomStart.Name)
            .SelectMany(o => o.Element.Descendants("Entry"))
            .Select(e => (Id: e.Element("UniqueID")?.Value, Name: e.Element("Value")?.Value))
            .ToArray();
        foreach (var entry in invoke.Element.Element(OisFormat.Tables.TriggerPolicyParameters)?.Elements("Entry") ?? Enumerable.Empty<XElement>())
        {
            var parameter = entry.Element("Parameter")?.Value;
            var name = entry.Element("ParameterName")?.Value;
            var match = parameters.FirstOrDefault(p => string.Equals(p.Id, parameter, StringComparison.OrdinalIgnoreCase));
            if (match.Id is null)
            {
                Report(invoke, $"passes parameter '{name}' {parameter}, which '{inFile.Name}' does not have (its Initialize Data has {string.Join(", ", parameters.Select(p => "'" + p.Name + "'"))}).");
            }
            else if (name is not null && name != match.Name)
            {
                Report(invoke, $"passes parameter {parameter} under the name '{name}', but '{inFile.Name}' calls it '{match.Name}'.");
            }
        }
    }

    /// <summary>Checks every subscription in the text values under <paramref name="scope"/>.</summary>
    private void Subscriptions(ExportedObject subscriber, XElement scope, IReadOnlySet<Guid> upstream)
    {
        foreach (var text in scope.DescendantNodes().OfType<XText>())
        {
            foreach (var (subscription, raw) in Subscription.FindAll(text.Value))
            {
                if (subscription is null)
                {
                    Report(subscriber, $"has a subscription '{raw}' that does not start with an activity GUID.");
                    continue;
                }

                var id = GuidText.Format(subscription.Activity);
                if (!_activities.TryGetValue(subscription.Activity, out var publisher))
                {
                    Report(subscriber, $"subscribes to '{subscription.Data}' of {id}, which is not an activity of this runbook.");
                }
                else if (!upstream.Contains(subscription.Activity))
                {
                    // Runbook logic, not an import failure: Runbook Designer exports such runbooks (the genuine Deploy VM export).
                    _problems.Warn(_runbook, subscriber, $"subscribes to '{subscription.Data}' of '{publisher.Name}' {id}, which does not run before it (no chain of links leads from it here).");
                }
                else
                {
                    PublishedName(subscriber, publisher, subscription.Data);
                }
            }
        }
    }

    /// <summary>Where the publisher's layout lists its data (Initialize Data parameters, toolkit ExecutionData), the name must be there.</summary>
    private void PublishedName(ExportedObject subscriber, ExportedObject publisher, string data)
    {
        if (publisher.TypeName == OisFormat.Types.CustomStart.Name && data.StartsWith('{'))
        {
            var parameters = publisher.Element.Descendants("Entry").Select(e => e.Element("UniqueID")?.Value).ToArray();
            if (!parameters.Contains(data, StringComparer.OrdinalIgnoreCase))
            {
                Report(subscriber, $"subscribes to parameter {data} of '{publisher.Name}' {GuidText.Format(publisher.Id!.Value)}, which has no such parameter.");
            }
        }
        else if (publisher.IsToolkit && !IsCommonData(data))
        {
            var published = ToolkitPublished(publisher);
            if (published is null)
            {
                Report(publisher, "its ExecutionData is not XML, so its published data cannot be checked.");
            }
            else if (!published.Contains(data, StringComparer.Ordinal))
            {
                Report(subscriber, $"uses '{data}' of '{publisher.Name}' {GuidText.Format(publisher.Id!.Value)}, which publishes no such data (it lists {string.Join(", ", published.Select(p => "'" + p + "'"))}).");
            }
        }
    }

    private void Branches(ExportedObject activity)
    {
        foreach (Match match in Branch.Matches(activity.Field("SelectedBranch") ?? string.Empty))
        {
            if (!GuidText.TryParseBraced(match.Groups["id"].Value, out var id) || !_activities.ContainsKey(id.Value))
            {
                Report(activity, $"returns data of branch '{match.Groups["id"].Value}', which is not an activity of this runbook.");
            }
        }
    }

    /// <summary>The activities that run before <paramref name="id"/>: every activity a chain of links leads from.</summary>
    private HashSet<Guid> Upstream(Guid id, bool includeSelf)
    {
        var seen = new HashSet<Guid>();
        var queue = new Queue<Guid>(new[] { id });
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            if (!_predecessors.TryGetValue(current, out var before))
            {
                continue;
            }

            foreach (var previous in before.Where(seen.Add))
            {
                queue.Enqueue(previous);
            }
        }

        if (includeSelf)
        {
            seen.Add(id);
        }

        return seen;
    }

    /// <summary>Published data every activity has (activity, runbook, server, error summary), not listed per type.</summary>
    private static bool IsCommonData(string data) =>
        data.StartsWith("Object.", StringComparison.Ordinal) || data.StartsWith("Policy.", StringComparison.Ordinal)
        || data.StartsWith("Server.", StringComparison.Ordinal) || data.StartsWith("ErrorSummary.", StringComparison.Ordinal);

    private static string[]? ToolkitPublished(ExportedObject toolkit)
    {
        try
        {
            return XElement.Parse(toolkit.Field("ExecutionData") ?? string.Empty).Elements("Item").Select(i => i.Element("ID")?.Value ?? string.Empty).ToArray();
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private void Report(ExportedObject obj, string message) => _problems.Add(_runbook, obj, message);
}
