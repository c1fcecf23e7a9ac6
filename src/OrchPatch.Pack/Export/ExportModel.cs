using System;
using System.Collections.Generic;

namespace OrchPatch.Pack.Export;

/// <summary>An exported folder of runbooks: what one <c>.ois_export</c> file holds.</summary>
/// <param name="Id">The folder's GUID.</param>
/// <param name="Name">The folder's name ("PatchRunbook").</param>
/// <param name="Runbooks">Its runbooks.</param>
internal sealed record ExportFolder(Guid Id, string Name, IReadOnlyList<Runbook> Runbooks);

/// <summary>A runbook (a Policy in the file) with its activities and the links between them.</summary>
/// <param name="Id">The runbook's GUID.</param>
/// <param name="Name">Its name.</param>
/// <param name="Description">What it does, shown in the Designer's runbook properties.</param>
/// <param name="Activities">Its activities.</param>
/// <param name="Links">Its links.</param>
internal sealed record Runbook(Guid Id, string Name, string Description, IReadOnlyList<RunbookActivity> Activities, IReadOnlyList<RunbookLink> Links);

/// <summary>Where an activity sits on the Designer's canvas.</summary>
/// <param name="X">Pixels from the left.</param>
/// <param name="Y">Pixels from the top.</param>
internal readonly record struct CanvasPosition(int X, int Y);

/// <summary>An activity on a runbook's canvas.</summary>
/// <param name="Id">Its GUID (other activities subscribe to its published data by it).</param>
/// <param name="Name">Its name on the canvas.</param>
/// <param name="Description">Its description, or null.</param>
/// <param name="Position">Where it sits.</param>
internal abstract record RunbookActivity(Guid Id, string Name, string? Description, CanvasPosition Position);

/// <summary>Initialize Data (<c>Custom Start</c>): the runbook's parameters.</summary>
/// <param name="Parameters">The parameters, each with its own GUID.</param>
/// <param name="Id">Its GUID.</param>
/// <param name="Name">Its name on the canvas.</param>
/// <param name="Description">Its description, or null.</param>
/// <param name="Position">Where it sits.</param>
internal sealed record InitializeData(Guid Id, string Name, string? Description, CanvasPosition Position, IReadOnlyList<RunbookParameter> Parameters)
    : RunbookActivity(Id, Name, Description, Position);

/// <summary>One Initialize Data parameter (always a string, as in every genuine export).</summary>
/// <param name="Id">Its GUID: subscriptions and Invoke Runbook refer to it.</param>
/// <param name="Name">Its name.</param>
/// <param name="Description">Help shown when the runbook is started, or null.</param>
internal sealed record RunbookParameter(Guid Id, string Name, string? Description);

/// <summary>Invoke Runbook (<c>Trigger Policy</c>).</summary>
/// <param name="Target">The invoked runbook's GUID.</param>
/// <param name="TargetPath">Its path as the Designer shows it ("Policies\PatchRunbook\3: PatchServer").</param>
/// <param name="TargetServers">The runbook servers to run it on (may hold a subscription), or null for the runbook's own.</param>
/// <param name="WaitForCompletion">Whether this activity waits for the child job.</param>
/// <param name="Parameters">A value for each of the target's parameters.</param>
/// <param name="Id">Its GUID.</param>
/// <param name="Name">Its name on the canvas.</param>
/// <param name="Description">Its description, or null.</param>
/// <param name="Position">Where it sits.</param>
internal sealed record InvokeRunbook(
    Guid Id,
    string Name,
    string? Description,
    CanvasPosition Position,
    Guid Target,
    string TargetPath,
    string? TargetServers,
    bool WaitForCompletion,
    IReadOnlyList<InvokeParameter> Parameters)
    : RunbookActivity(Id, Name, Description, Position);

/// <summary>A value passed to an invoked runbook's parameter.</summary>
/// <param name="Id">The entry's GUID.</param>
/// <param name="Parameter">The target's parameter GUID.</param>
/// <param name="ParameterName">The target's parameter name.</param>
/// <param name="Value">The value (may hold subscriptions).</param>
internal sealed record InvokeParameter(Guid Id, Guid Parameter, string ParameterName, string Value);

/// <summary>Run .Net Script with a PowerShell body.</summary>
/// <param name="Script">The script (subscriptions already in place).</param>
/// <param name="Id">Its GUID.</param>
/// <param name="Name">Its name on the canvas.</param>
/// <param name="Description">Its description, or null.</param>
/// <param name="Position">Where it sits.</param>
internal sealed record RunScript(Guid Id, string Name, string? Description, CanvasPosition Position, string Script)
    : RunbookActivity(Id, Name, Description, Position);

/// <summary>Junction: waits for its incoming branches and runs what follows once.</summary>
/// <param name="Branch">The branch whose data it returns, or null for none.</param>
/// <param name="Id">Its GUID.</param>
/// <param name="Name">Its name on the canvas.</param>
/// <param name="Description">Its description, or null.</param>
/// <param name="Position">Where it sits.</param>
internal sealed record Junction(Guid Id, string Name, string? Description, CanvasPosition Position, Guid? Branch)
    : RunbookActivity(Id, Name, Description, Position);

/// <summary>An Integration Toolkit (SDK) activity, in the layout of the toolkit activities of genuine exports.</summary>
/// <param name="ObjectType">The activity type's GUID (from the pack definition or a wizard-built .oip).</param>
/// <param name="TypeName">The activity's display name (<c>ObjectTypeName</c>).</param>
/// <param name="Configuration">The name of the Options-menu connection entry it uses.</param>
/// <param name="Properties">The inputs given a value.</param>
/// <param name="ExecutionData">Its inputs and published data, as the Designer lists them.</param>
/// <param name="Id">Its GUID.</param>
/// <param name="Name">Its name on the canvas.</param>
/// <param name="Description">Its description, or null.</param>
/// <param name="Position">Where it sits.</param>
internal sealed record ToolkitActivity(
    Guid Id,
    string Name,
    string? Description,
    CanvasPosition Position,
    Guid ObjectType,
    string TypeName,
    string Configuration,
    IReadOnlyList<ToolkitProperty> Properties,
    IReadOnlyList<ExecutionDataItem> ExecutionData)
    : RunbookActivity(Id, Name, Description, Position)
{
    /// <summary>Whether its multi-valued published data is flattened into one value (the activity's "Flatten" option),
    /// so the next activity runs once instead of once per correlated row.</summary>
    public bool Flatten { get; init; }
}

/// <summary>One input value of a toolkit activity.</summary>
/// <param name="Name">The input's name.</param>
/// <param name="Value">Its value (may hold subscriptions).</param>
/// <param name="Kind">The <c>PropertyType</c>: 0 on free-text inputs and 4 on list inputs in genuine exports (meaning unconfirmed).</param>
internal sealed record ToolkitProperty(string Name, string Value, int Kind);

/// <summary>One item of a toolkit activity's <c>ExecutionData</c>: an input or a published datum.</summary>
/// <param name="Id">The name subscriptions use.</param>
/// <param name="Type">String or Integer.</param>
/// <param name="Description">Help, or empty.</param>
internal sealed record ExecutionDataItem(string Id, string Type, string Description);

/// <summary>A link between two activities of the same runbook.</summary>
/// <param name="Id">Its GUID.</param>
/// <param name="Name">Its label.</param>
/// <param name="Source">The activity it leaves.</param>
/// <param name="Target">The activity it enters.</param>
/// <param name="Color">Its colour (<see cref="OisFormat.LinkColors"/>).</param>
/// <param name="Conditions">When it is followed: result conditions and published-data conditions.</param>
internal sealed record RunbookLink(Guid Id, string Name, Guid Source, Guid Target, int Color, IReadOnlyList<LinkCondition> Conditions);

/// <summary>One link condition (a TRIGGERS entry).</summary>
/// <param name="Id">Its GUID.</param>
/// <param name="Include">True for an "include" condition (trigger), false for an "exclude" one (donottrigger).</param>
/// <param name="Comparison">Null for a result condition; "equals", "contains", ... for a published-data condition.</param>
/// <param name="Data">The source activity's GUID, or "{GUID}.Published Data".</param>
/// <param name="Value">The results ("success", "warning#failed") or the value compared with (may hold subscriptions).</param>
internal sealed record LinkCondition(Guid Id, bool Include, string? Comparison, string Data, string Value);
