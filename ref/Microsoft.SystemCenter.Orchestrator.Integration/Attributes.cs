// Compile-time reference of the QIK SDK's attributes. Sources per member: README.md (the Evidence column). Bodies are plain so tests can read the attributes by reflection.
using System;

namespace Microsoft.SystemCenter.Orchestrator.Integration;

/// <summary>Declares that a class defines an Orchestrator activity (MSDN hh457065).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ActivityAttribute : Attribute
{
    /// <summary>An activity whose display name is the class name.</summary>
    public ActivityAttribute() { }

    /// <summary>An activity with the given display name.</summary>
    /// <param name="name">The name shown in Runbook Designer.</param>
    public ActivityAttribute(string name) { Name = name; }

    /// <summary>The display name, or null for the class name.</summary>
    public string Name { get; private set; }

    /// <summary>The description shown in Runbook Designer.</summary>
    public string Description { get; set; }

    /// <summary>Whether the Filters tab is shown.</summary>
    public bool ShowFilters { get; set; }

    /// <summary>Whether the Properties (inputs) tab is shown.</summary>
    public bool ShowInputs { get; set; }
}

/// <summary>Marks a property used to inject configuration data (the IP's Options menu entry).</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class ActivityConfigurationAttribute : Attribute
{
    /// <summary>A configuration property.</summary>
    public ActivityConfigurationAttribute() { }

    /// <summary>When the configuration is used. Only <see cref="ConfigurationUsage.ExecuteOnly"/> is known.</summary>
    public ConfigurationUsage Usage { get; set; }
}

/// <summary>Marks a class that encapsulates filter, input and output properties (configuration or correlated data).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ActivityDataAttribute : Attribute
{
    /// <summary>Data named after the class.</summary>
    public ActivityDataAttribute() { }

    /// <summary>Data with the given name (for a configuration class: the Options menu entry).</summary>
    /// <param name="name">The name.</param>
    public ActivityDataAttribute(string name) { Name = name; }

    /// <summary>The name, or null for the class name.</summary>
    public string Name { get; private set; }
}

/// <summary>Marks a property that supports filtering.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class ActivityFilterAttribute : Attribute
{
    /// <summary>A filter named after the property.</summary>
    public ActivityFilterAttribute() { }

    /// <summary>A filter with the given name.</summary>
    /// <param name="name">The name.</param>
    public ActivityFilterAttribute(string name) { Name = name; }

    /// <summary>The name, or null for the property name.</summary>
    public string Name { get; private set; }
}

/// <summary>Marks a property that receives input from the data bus.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class ActivityInputAttribute : Attribute
{
    /// <summary>An input named after the property.</summary>
    public ActivityInputAttribute() { }

    /// <summary>An input with the given name.</summary>
    /// <param name="name">The name shown in Runbook Designer.</param>
    public ActivityInputAttribute(string name) { Name = name; }

    /// <summary>The name, or null for the property name.</summary>
    public string Name { get; private set; }

    /// <summary>Whether the input may be left empty.</summary>
    public bool Optional { get; set; }

    /// <summary>The default value (string, int and bool are seen in compiling code).</summary>
    public object Default { get; set; }

    /// <summary>Whether the value is stored encrypted and never shown in plain text.</summary>
    public bool PasswordProtected { get; set; }

    /// <summary>Comma-separated choices shown as a list.</summary>
    public string Options { get; set; }
}

/// <summary>Marks the public, void, parameterless method run when a declarative activity is invoked.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class ActivityMethodAttribute : Attribute
{
    /// <summary>The activity method.</summary>
    public ActivityMethodAttribute() { }
}

/// <summary>Declares that the activity class runs as a monitor activity.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ActivityMonitorAttribute : Attribute
{
    /// <summary>A monitor activity.</summary>
    public ActivityMonitorAttribute() { }

    /// <summary>The polling interval (unit unconfirmed, presumably seconds).</summary>
    public int Interval { get; set; }
}

/// <summary>Marks a property that publishes its value to the data bus.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class ActivityOutputAttribute : Attribute
{
    /// <summary>An output named after the property.</summary>
    public ActivityOutputAttribute() { }

    /// <summary>An output with the given name.</summary>
    /// <param name="name">The published data name.</param>
    public ActivityOutputAttribute(string name) { Name = name; }

    /// <summary>An output with the given name and description.</summary>
    /// <param name="name">The published data name.</param>
    /// <param name="description">The description.</param>
    public ActivityOutputAttribute(string name, string description) { Name = name; Description = description; }

    /// <summary>The name, or null for the property name.</summary>
    public string Name { get; private set; }

    /// <summary>The description.</summary>
    public string Description { get; set; }
}

/// <summary>When a configuration property is used. Only <c>ExecuteOnly</c> is seen in compiling code; its numeric value is unconfirmed.</summary>
public enum ConfigurationUsage
{
    /// <summary>Used when the activity runs. Numeric value unconfirmed: do not use in shipped code.</summary>
    ExecuteOnly = 0,
}

/// <summary>Filter relations (MSDN hh457104). Member names are confirmed; numeric values are not: do not use in shipped code.</summary>
[Flags]
public enum Relation
{
    /// <summary>Derive from the property type.</summary>
    Default = 0,
    /// <summary>Equal to.</summary>
    EqualTo = 1,
    /// <summary>Not equal to.</summary>
    NotEqualTo = 2,
    /// <summary>Contains.</summary>
    Contains = 4,
    /// <summary>Does not contain.</summary>
    DoesNotContain = 8,
    /// <summary>Ends with.</summary>
    EndsWith = 16,
    /// <summary>Does not match.</summary>
    DoesNotMatch = 32,
    /// <summary>Greater than.</summary>
    GreaterThan = 64,
    /// <summary>Greater than or equal to.</summary>
    GreaterThanOrEqualTo = 128,
    /// <summary>Less than.</summary>
    LessThan = 256,
    /// <summary>Less than or equal to.</summary>
    LessThanOrEqualTo = 512,
    /// <summary>After (dates).</summary>
    After = 1024,
    /// <summary>Before (dates).</summary>
    Before = 2048,
    /// <summary>The set for strings.</summary>
    String = EqualTo | NotEqualTo | Contains | DoesNotContain | EndsWith | DoesNotMatch,
    /// <summary>The set for dates.</summary>
    DateTime = EqualTo | NotEqualTo | After | Before,
}

/// <summary>Thrown from an activity, ends it with Warning status instead of Failed.</summary>
[Serializable]
public class ActivityWarning : Exception
{
    /// <summary>A warning with a message.</summary>
    /// <param name="message">What the runbook author sees.</param>
    public ActivityWarning(string message) : base(message) { }
}
