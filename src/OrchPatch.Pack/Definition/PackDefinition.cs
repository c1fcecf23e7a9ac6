using System;
using System.Collections.Generic;
using System.Linq;

namespace OrchPatch.Pack.Definition;

/// <summary>
/// What the pack is: product metadata, the activity contract, the connection entry, icons, the EULA and the sample
/// runbooks. Read once from <c>oip/pack.json</c> (<see cref="PackDefinitionReader"/>); every artifact (MSI, wizard
/// staging, Invoke .NET bundle, sample runbooks) is generated from it, so no fact about the pack is written twice.
/// </summary>
/// <remarks>Immutable: the reader validates every field before constructing it.</remarks>
/// <param name="Product">Product name, category, company, version, description, upgrade code, EULA, category icon.</param>
/// <param name="Assembly">The activity assembly and the files shipped with it.</param>
/// <param name="Configuration">The Options menu entry the activities take their connection from.</param>
/// <param name="Activities">The activities, in the order the Designer's category lists them.</param>
/// <param name="Samples">The sample runbooks' names, parameters and scripts.</param>
public sealed record PackDefinition(
    PackProduct Product,
    PackAssembly Assembly,
    PackConfiguration Configuration,
    IReadOnlyList<PackActivity> Activities,
    SampleRunbookNames Samples)
{
    /// <summary>Loads the pack definition built into this assembly (a copy of <c>oip/pack.json</c> and its files).</summary>
    /// <returns>The validated definition.</returns>
    /// <exception cref="PackDefinitionException">The embedded definition is invalid (a build would have caught it).</exception>
    public static PackDefinition LoadEmbedded() => PackDefinitionReader.Read(PackFiles.Embedded);

    /// <summary>Finds an activity by its display name (the name Orchestrator shows and the .CAP lists).</summary>
    /// <param name="displayName">For example "Drain Runbook Server".</param>
    /// <returns>The activity.</returns>
    /// <exception cref="KeyNotFoundException">No activity has that display name.</exception>
    public PackActivity Activity(string displayName) =>
        Activities.FirstOrDefault(a => string.Equals(a.DisplayName, displayName, StringComparison.Ordinal))
        ?? throw new KeyNotFoundException($"The pack definition has no activity named '{displayName}'. Activities: {string.Join(", ", Activities.Select(a => a.DisplayName))}.");
}

/// <summary>The product as Deployment Manager, Add/Remove Programs and the Designer's Activities pane show it.</summary>
/// <param name="Name">Product name (Deployment Manager; the MSI's install folder and file names).</param>
/// <param name="Category">The Activities-pane category in Runbook Designer.</param>
/// <param name="Company">Publisher in Add/Remove Programs.</param>
/// <param name="Version">major.minor.build: the MSI ProductVersion and the version the wizard is given.</param>
/// <param name="Description">A sentence or two for Deployment Manager and the wizard.</param>
/// <param name="UpgradeCode">The MSI UpgradeCode: never changes, so every version upgrades the previous one.</param>
/// <param name="EulaFile">The EULA's path in the pack folder (RTF).</param>
/// <param name="Eula">The EULA's RTF text.</param>
/// <param name="Icon">The category icon.</param>
public sealed record PackProduct(
    string Name,
    string Category,
    string Company,
    Version Version,
    string Description,
    Guid UpgradeCode,
    string EulaFile,
    string Eula,
    PackIcon Icon)
{
    /// <summary>The version as major.minor.build, the form MSI and the file names use.</summary>
    public string VersionText => Version.ToString(3);
}

/// <summary>The activity assembly and what ships with it.</summary>
/// <param name="File">The activity assembly's file name (OrchPatch.Activities.dll).</param>
/// <param name="Namespace">The activity classes' namespace.</param>
/// <param name="Dependencies">Further files installed next to it (net472 build output).</param>
/// <param name="NeverShip">Files that must never be installed, above all the QIK SDK DLL.</param>
public sealed record PackAssembly(string File, string Namespace, IReadOnlyList<string> Dependencies, IReadOnlyList<string> NeverShip)
{
    /// <summary>The activity assembly first, then its dependencies: exactly what the MSI installs.</summary>
    public IReadOnlyList<string> ShippedFiles => new[] { File }.Concat(Dependencies).ToArray();
}

/// <summary>The connection the activities take from Runbook Designer's Options menu.</summary>
/// <param name="Name">The Options menu entry ("Orchestrator Patching Connection").</param>
/// <param name="SampleEntryName">The name of the connection entry the sample runbooks refer to; the admin must create an entry with this name (or regenerate the samples with another).</param>
public sealed record PackConfiguration(string Name, string SampleEntryName);

/// <summary>One activity of the pack: the contract between the activity class, the wizard and the runbooks.</summary>
/// <param name="ClassName">The class name without namespace.</param>
/// <param name="FullClassName">Namespace-qualified class name.</param>
/// <param name="DisplayName">The name in the Designer (also the .CAP ObjectType name).</param>
/// <param name="Description">One sentence for the Designer and the wizard.</param>
/// <param name="ObjectType">This pack's activity GUID, used in runbooks when no wizard-built .oip says otherwise.</param>
/// <param name="Inputs">Inputs in the order the Properties dialog shows them.</param>
/// <param name="Outputs">Published data; correlated outputs are one row per item.</param>
/// <param name="Icon">The activity icon.</param>
public sealed record PackActivity(
    string ClassName,
    string FullClassName,
    string DisplayName,
    string Description,
    Guid ObjectType,
    IReadOnlyList<ActivityInput> Inputs,
    IReadOnlyList<ActivityOutput> Outputs,
    PackIcon Icon)
{
    /// <summary>Finds an input by name.</summary>
    /// <param name="name">The input's name.</param>
    /// <returns>The input.</returns>
    /// <exception cref="KeyNotFoundException">No such input.</exception>
    public ActivityInput Input(string name) =>
        Inputs.FirstOrDefault(i => i.Name == name) ?? throw new KeyNotFoundException($"Activity '{DisplayName}' has no input '{name}'.");

    /// <summary>Finds an output (published data) by name.</summary>
    /// <param name="name">The output's name.</param>
    /// <returns>The output.</returns>
    /// <exception cref="KeyNotFoundException">No such output.</exception>
    public ActivityOutput Output(string name) =>
        Outputs.FirstOrDefault(o => o.Name == name) ?? throw new KeyNotFoundException($"Activity '{DisplayName}' publishes no '{name}'.");
}

/// <summary>The kinds of activity input.</summary>
public enum InputType
{
    /// <summary>Free text.</summary>
    String,

    /// <summary>A whole number.</summary>
    Int,

    /// <summary>One of a fixed list of options.</summary>
    List,
}

/// <summary>The kinds of published data.</summary>
public enum OutputType
{
    /// <summary>Text.</summary>
    String,

    /// <summary>A number.</summary>
    Number,
}

/// <summary>One activity input.</summary>
/// <param name="Name">The input's name.</param>
/// <param name="Type">Its kind.</param>
/// <param name="Required">Whether the activity refuses to run without it.</param>
/// <param name="Default">The default value, or null.</param>
/// <param name="Options">The allowed values of a list input; empty otherwise.</param>
/// <param name="Description">Extra help, or null.</param>
public sealed record ActivityInput(string Name, InputType Type, bool Required, string? Default, IReadOnlyList<string> Options, string? Description);

/// <summary>One published datum.</summary>
/// <param name="Name">The name runbooks subscribe to.</param>
/// <param name="Type">Its kind.</param>
/// <param name="Correlated">Whether it belongs to the per-item rows (one activity run downstream per row).</param>
/// <param name="Description">Extra help, or null.</param>
public sealed record ActivityOutput(string Name, OutputType Type, bool Correlated, string? Description);

/// <summary>A 16x16 icon drawn as text: '.' transparent, '#' the icon colour, '+' a light accent.</summary>
/// <param name="Color">The icon colour (never pure black: black is Orchestrator's transparency colour).</param>
/// <param name="Pattern">16 rows of 16 characters.</param>
public sealed record PackIcon(IconColor Color, IReadOnlyList<string> Pattern);

/// <summary>An RGB colour.</summary>
/// <param name="Red">0-255.</param>
/// <param name="Green">0-255.</param>
/// <param name="Blue">0-255.</param>
public readonly record struct IconColor(byte Red, byte Green, byte Blue);

/// <summary>The sample runbooks: folder, runbook names, the Wait Runbook's parameters and the scripts.</summary>
/// <param name="Folder">The exported folder ("PatchRunbook").</param>
/// <param name="IdNamespace">The namespace of the name-based GUIDs of the samples' runbooks, activities and links.</param>
/// <param name="PatchOrchestrator">"1: Patch Orchestrator".</param>
/// <param name="PatchServer">"3: PatchServer".</param>
/// <param name="WaitRunbook">"4: WaitRunbook".</param>
/// <param name="RunPatch">"7: Run Patch".</param>
/// <param name="WaitRunbookParameters">The maintenance record the engine writes as the Wait Runbook's parameters.</param>
/// <param name="Scripts">The PowerShell bodies of the samples' Run .Net Script activities.</param>
public sealed record SampleRunbookNames(
    string Folder,
    Guid IdNamespace,
    string PatchOrchestrator,
    string PatchServer,
    string WaitRunbook,
    string RunPatch,
    IReadOnlyList<string> WaitRunbookParameters,
    SampleScripts Scripts)
{
    /// <summary>The Wait Runbook's path as the connection's "Wait Runbook Path" setting names it: \PatchRunbook\4: WaitRunbook.</summary>
    public string WaitRunbookPath => "\\" + Folder + "\\" + WaitRunbook;
}

/// <summary>The PowerShell scripts of the samples (text with <c>{{Name}}</c> placeholders for subscriptions).</summary>
/// <param name="WaitForever">The Wait Runbook's endless loop.</param>
/// <param name="RunPatch">The default patching example of "7: Run Patch".</param>
/// <param name="FailAfterRestore">The failure of "3: PatchServer" after a failed patch was restored.</param>
public sealed record SampleScripts(string WaitForever, string RunPatch, string FailAfterRestore);
