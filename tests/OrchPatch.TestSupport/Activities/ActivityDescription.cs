using System;
using System.Collections.Generic;

namespace OrchPatch.TestSupport.Activities;

/// <summary>Which SDK model an activity class uses.</summary>
public enum ActivityModel
{
    /// <summary>Attributes on properties and one [ActivityMethod]; Orchestrator reads them by reflection.</summary>
    Declarative,

    /// <summary>Implements IActivity: Design declares, Execute runs.</summary>
    Imperative,
}

/// <summary>What kind of value an input or output carries as Runbook Designer shows it.</summary>
public enum DataKind
{
    /// <summary>Text.</summary>
    String,

    /// <summary>A number.</summary>
    Number,

    /// <summary>A date and time.</summary>
    DateTime,

    /// <summary>True or false.</summary>
    Boolean,
}

/// <summary>An input as Orchestrator would read it.</summary>
public sealed record InputDescription(
    string Name,
    Type? PropertyType,
    DataKind Kind,
    bool Optional,
    object? Default,
    bool PasswordProtected,
    IReadOnlyList<string> Choices,
    string Browser);

/// <summary>A published-data item as Orchestrator would read it.</summary>
public sealed record OutputDescription(string Name, Type? PropertyType, DataKind Kind, bool Correlated, bool MultiValued);

/// <summary>The connection class behind an [ActivityConfiguration] property (the IP's Options menu entry).</summary>
public sealed record ConfigurationDescription(string Name, Type Type, string PropertyName, IReadOnlyList<InputDescription> Settings);

/// <summary>Everything the harness read from an activity class, and what is wrong with its design.</summary>
public sealed record ActivityDescription(
    Type ActivityType,
    ActivityModel Model,
    string DisplayName,
    string? Description,
    IReadOnlyList<InputDescription> Inputs,
    IReadOnlyList<OutputDescription> Outputs,
    ConfigurationDescription? Configuration,
    IReadOnlyList<string> DesignProblems,
    IReadOnlyList<string> IoBeforeRun);
