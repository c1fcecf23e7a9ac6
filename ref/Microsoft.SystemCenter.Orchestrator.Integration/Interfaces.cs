// Compile-time reference of the QIK SDK's interfaces (the SDK's public reference, docs/orchestrator-facts.md).
// Members whose return type is unconfirmed are declared with the most likely type and listed in README.md; shipped code must not call them.
using System;
using System.Collections;
using System.Collections.Generic;

namespace Microsoft.SystemCenter.Orchestrator.Integration;

/// <summary>An imperative activity.</summary>
public interface IActivity
{
    /// <summary>Declares inputs and outputs; called by Runbook Designer when the Properties dialog opens.</summary>
    /// <param name="designer">The designer.</param>
    void Design(IActivityDesigner designer);

    /// <summary>Runs the activity on a runbook server or in Runbook Tester.</summary>
    /// <param name="request">Inputs and filters.</param>
    /// <param name="response">Where published data goes.</param>
    void Execute(IActivityRequest request, IActivityResponse response);
}

/// <summary>Declares an imperative activity's inputs, outputs, filters and correlated data.</summary>
public interface IActivityDesigner
{
    /// <summary>Adds an input.</summary>
    /// <param name="name">The input name.</param>
    /// <returns>The input, for fluent configuration.</returns>
    IActivityInput AddInput(string name);

    /// <summary>Adds an output (a string unless typed).</summary>
    /// <param name="name">The published data name.</param>
    /// <returns>The output, for fluent configuration.</returns>
    IActivityOutput AddOutput(string name);

    /// <summary>Adds a filter (MSDN only; no compiling use known).</summary>
    /// <param name="name">The filter name.</param>
    /// <returns>The filter.</returns>
    IActivityFilter AddFilter(string name);

    /// <summary>Adds a type marked <see cref="ActivityDataAttribute"/> as correlated data. The misspelling is the real
    /// member name. Return type unconfirmed (declared void here): shipped code must not call it.</summary>
    /// <param name="type">The data type.</param>
    void AddCorellatedData(Type type);
}

/// <summary>An input being designed. Every member is fluent.</summary>
public interface IActivityInput
{
    /// <summary>Makes the input optional.</summary>
    /// <returns>This input.</returns>
    IActivityInput NotRequired();

    /// <summary>Encrypts the input (MSDN only).</summary>
    /// <returns>This input.</returns>
    IActivityInput PasswordProtect();

    /// <summary>A true/false browser.</summary>
    /// <returns>This input.</returns>
    IActivityInput WithBooleanBrowser();

    /// <summary>A computer browser.</summary>
    /// <returns>This input.</returns>
    IActivityInput WithComputerBrowser();

    /// <summary>A date/time browser.</summary>
    /// <returns>This input.</returns>
    IActivityInput WithDateTimeBrowser();

    /// <summary>A default value.</summary>
    /// <param name="defaultValue">The value.</param>
    /// <returns>This input.</returns>
    IActivityInput WithDefaultValue(object defaultValue);

    /// <summary>A list of an enum's values.</summary>
    /// <param name="enumType">The enum type.</param>
    /// <returns>This input.</returns>
    IActivityInput WithEnumBrowser(Type enumType);

    /// <summary>A file browser.</summary>
    /// <returns>This input.</returns>
    IActivityInput WithFileBrowser();

    /// <summary>A folder browser (MSDN only).</summary>
    /// <returns>This input.</returns>
    IActivityInput WithFolderBrowser();

    /// <summary>A list of choices. A second overload exists in the real DLL; its signature is unconfirmed.</summary>
    /// <param name="options">The choices.</param>
    /// <returns>This input.</returns>
    IActivityInput WithListBrowser(IEnumerable options);
}

/// <summary>An output being designed.</summary>
public interface IActivityOutput
{
    /// <summary>A string output.</summary>
    /// <returns>This output.</returns>
    IActivityOutput AsString();

    /// <summary>A number output.</summary>
    /// <returns>This output.</returns>
    IActivityOutput AsNumber();

    /// <summary>A date/time output.</summary>
    /// <returns>This output.</returns>
    IActivityOutput AsDateTime();

    /// <summary>A description (MSDN only).</summary>
    /// <param name="description">The description.</param>
    /// <returns>This output.</returns>
    IActivityOutput WithDescription(string description);

    /// <summary>Makes the output filterable. Return type unconfirmed: shipped code must not call it.</summary>
    /// <returns>This output.</returns>
    IActivityOutput WithFilter();
}

/// <summary>A filter being designed (MSDN only).</summary>
public interface IActivityFilter
{
    /// <summary>A true/false browser.</summary>
    /// <returns>This filter.</returns>
    IActivityFilter WithBooleanBrowser();

    /// <summary>A date/time browser.</summary>
    /// <returns>This filter.</returns>
    IActivityFilter WithDateTimeBrowser();

    /// <summary>A list of an enum's values.</summary>
    /// <param name="enumType">The enum type.</param>
    /// <returns>This filter.</returns>
    IActivityFilter WithEnumBrowser(Type enumType);

    /// <summary>A file browser.</summary>
    /// <returns>This filter.</returns>
    IActivityFilter WithFileBrowser();

    /// <summary>A folder browser.</summary>
    /// <returns>This filter.</returns>
    IActivityFilter WithFolderBrowser();

    /// <summary>A list of choices.</summary>
    /// <param name="options">The choices.</param>
    /// <returns>This filter.</returns>
    IActivityFilter WithListBrowser(IEnumerable options);

    /// <summary>Restricts the relations offered.</summary>
    /// <param name="relations">The relations.</param>
    /// <returns>This filter.</returns>
    IActivityFilter WithRelations(Relation relations);
}

/// <summary>What an imperative activity receives when it runs.</summary>
public interface IActivityRequest
{
    /// <summary>The inputs.</summary>
    IInputCollection Inputs { get; }

    /// <summary>The filters set on the Filters tab (declared type unconfirmed).</summary>
    IEnumerable<IFilterCriteria> Filters { get; }
}

/// <summary>The inputs of a request.</summary>
public interface IInputCollection : IEnumerable<KeyValuePair<string, IRuntimeValue>>
{
    /// <summary>The value of an input.</summary>
    /// <param name="name">The input name.</param>
    IRuntimeValue this[string name] { get; }

    /// <summary>Whether an input has a value; check before reading an optional input.</summary>
    /// <param name="name">The input name.</param>
    /// <returns>True when present.</returns>
    bool Contains(string name);

    /// <summary>The names of the inputs present.</summary>
    IEnumerable<string> Names { get; }
}

/// <summary>A filter the user set.</summary>
public interface IFilterCriteria
{
    /// <summary>The filtered output.</summary>
    string Name { get; }

    /// <summary>The relation.</summary>
    Relation Relation { get; }

    /// <summary>The value compared with.</summary>
    IRuntimeValue Value { get; }
}

/// <summary>The value of an input or filter.</summary>
public interface IRuntimeValue
{
    /// <summary>The value as text.</summary>
    /// <returns>The text.</returns>
    string AsString();

    /// <summary>The value as a 32-bit integer.</summary>
    /// <returns>The number.</returns>
    int AsInt32();

    /// <summary>The value as a 16-bit integer.</summary>
    /// <returns>The number.</returns>
    short AsInt16();

    /// <summary>The value as a double.</summary>
    /// <returns>The number.</returns>
    double AsDouble();

    /// <summary>The value as a Boolean.</summary>
    /// <returns>The Boolean.</returns>
    bool AsBoolean();

    /// <summary>The value as a date and time.</summary>
    /// <returns>The date and time.</returns>
    DateTime AsDateTime();

    /// <summary>The value converted to a type (enums and some framework types are seen).</summary>
    /// <typeparam name="T">The type.</typeparam>
    /// <returns>The value.</returns>
    T As<T>();
}

/// <summary>Where an imperative activity publishes its data.</summary>
public interface IActivityResponse
{
    /// <summary>Publishes one named value.</summary>
    /// <param name="name">The published data name.</param>
    /// <param name="value">A string, int, bool or DateTime.</param>
    void Publish(string name, object value);

    /// <summary>Publishes rows of correlated data, one per <see cref="ActivityDataAttribute"/> object.</summary>
    /// <param name="items">The rows.</param>
    /// <returns>The number of rows published.</returns>
    int PublishRange(IEnumerable items);

    /// <summary>Publishes a multi-valued output.</summary>
    /// <param name="name">The published data name.</param>
    /// <param name="values">The values.</param>
    void PublishRange(string name, IEnumerable values);

    /// <summary>A response that applies the user's filters. Return type unconfirmed: shipped code must not call it.</summary>
    /// <returns>The filtering response.</returns>
    IActivityResponse WithFiltering();

    /// <summary>Reports an error event (one community use; semantics unconfirmed).</summary>
    /// <param name="summary">The summary.</param>
    /// <param name="details">The details.</param>
    void ReportErrorEvent(string summary, string details);
}
