using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.SystemCenter.Orchestrator.Integration;

namespace OrchPatch.TestSupport.Activities;

/// <summary>A designer that records what an imperative activity's Design declares.</summary>
internal sealed class RecordingDesigner : IActivityDesigner
{
    public List<RecordedInput> Inputs { get; } = new();

    public List<RecordedOutput> Outputs { get; } = new();

    public List<string> Filters { get; } = new();

    public List<Type> CorrelatedData { get; } = new();

    public IActivityInput AddInput(string name)
    {
        var input = new RecordedInput(name);
        Inputs.Add(input);
        return input;
    }

    public IActivityOutput AddOutput(string name)
    {
        var output = new RecordedOutput(name);
        Outputs.Add(output);
        return output;
    }

    public IActivityFilter AddFilter(string name)
    {
        Filters.Add(name);
        return new RecordedFilter();
    }

    public void AddCorellatedData(Type type) => CorrelatedData.Add(type);
}

internal sealed class RecordedInput : IActivityInput
{
    public RecordedInput(string name) => Name = name;

    public string Name { get; }

    public bool Required { get; private set; } = true;

    public bool Password { get; private set; }

    public object? Default { get; private set; }

    public string Browser { get; private set; } = "text";

    public Type? EnumType { get; private set; }

    public List<string> Choices { get; } = new();

    public IActivityInput NotRequired() { Required = false; return this; }

    public IActivityInput PasswordProtect() { Password = true; return this; }

    public IActivityInput WithBooleanBrowser() { Browser = "boolean"; return this; }

    public IActivityInput WithComputerBrowser() { Browser = "computer"; return this; }

    public IActivityInput WithDateTimeBrowser() { Browser = "datetime"; return this; }

    public IActivityInput WithDefaultValue(object defaultValue) { Default = defaultValue; return this; }

    public IActivityInput WithEnumBrowser(Type enumType)
    {
        Browser = "list";
        EnumType = enumType;
        Choices.AddRange(Enum.GetNames(enumType));
        return this;
    }

    public IActivityInput WithFileBrowser() { Browser = "file"; return this; }

    public IActivityInput WithFolderBrowser() { Browser = "folder"; return this; }

    public IActivityInput WithListBrowser(IEnumerable options)
    {
        Browser = "list";
        Choices.AddRange(options.Cast<object>().Select(o => Convert.ToString(o, CultureInfo.InvariantCulture)!));
        return this;
    }
}

internal sealed class RecordedOutput : IActivityOutput
{
    public RecordedOutput(string name) => Name = name;

    public string Name { get; }

    public DataKind Kind { get; private set; } = DataKind.String;

    public IActivityOutput AsString() { Kind = DataKind.String; return this; }

    public IActivityOutput AsNumber() { Kind = DataKind.Number; return this; }

    public IActivityOutput AsDateTime() { Kind = DataKind.DateTime; return this; }

    public IActivityOutput WithDescription(string description) => this;

    public IActivityOutput WithFilter() => this;
}

internal sealed class RecordedFilter : IActivityFilter
{
    public IActivityFilter WithBooleanBrowser() => this;

    public IActivityFilter WithDateTimeBrowser() => this;

    public IActivityFilter WithEnumBrowser(Type enumType) => this;

    public IActivityFilter WithFileBrowser() => this;

    public IActivityFilter WithFolderBrowser() => this;

    public IActivityFilter WithListBrowser(IEnumerable options) => this;

    public IActivityFilter WithRelations(Relation relations) => this;
}

/// <summary>A data-bus value: text that converts on demand, as Orchestrator's runtime values do.</summary>
internal sealed class RuntimeValue : IRuntimeValue
{
    private readonly string _name;
    private readonly object? _value;

    public RuntimeValue(string name, object? value)
    {
        _name = name;
        _value = value;
    }

    public string AsString() => Convert.ToString(_value, CultureInfo.InvariantCulture) ?? string.Empty;

    public int AsInt32() => (int)ValueConversion.ToPropertyType(_value, typeof(int), _name)!;

    public short AsInt16() => (short)ValueConversion.ToPropertyType(_value, typeof(short), _name)!;

    public double AsDouble() => (double)ValueConversion.ToPropertyType(_value, typeof(double), _name)!;

    public bool AsBoolean() => (bool)ValueConversion.ToPropertyType(_value, typeof(bool), _name)!;

    public DateTime AsDateTime() => (DateTime)ValueConversion.ToPropertyType(_value, typeof(DateTime), _name)!;

    public T As<T>() => (T)ValueConversion.ToPropertyType(_value, typeof(T), _name)!;

    public override string ToString() => AsString();
}

internal sealed class InputCollection : IInputCollection
{
    private readonly Dictionary<string, IRuntimeValue> _values;

    public InputCollection(IReadOnlyDictionary<string, object?> values) =>
        _values = values.ToDictionary(kv => kv.Key, kv => (IRuntimeValue)new RuntimeValue(kv.Key, kv.Value), StringComparer.Ordinal);

    public IRuntimeValue this[string name] =>
        _values.TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"Input '{name}' has no value (check Inputs.Contains first for optional inputs).");

    public IEnumerable<string> Names => _values.Keys;

    public bool Contains(string name) => _values.ContainsKey(name);

    public IEnumerator<KeyValuePair<string, IRuntimeValue>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

internal sealed class ActivityRequest : IActivityRequest
{
    public ActivityRequest(IInputCollection inputs) => Inputs = inputs;

    public IInputCollection Inputs { get; }

    public IEnumerable<IFilterCriteria> Filters => Array.Empty<IFilterCriteria>();
}

/// <summary>Captures what an imperative activity publishes.</summary>
internal sealed class RecordingResponse : IActivityResponse
{
    public List<PublishedItem> Published { get; } = new();

    public List<IReadOnlyDictionary<string, object?>> Rows { get; } = new();

    public void Publish(string name, object value) => Published.Add(new PublishedItem(name, value));

    public int PublishRange(IEnumerable items)
    {
        var count = 0;
        foreach (var item in items)
        {
            var row = item.GetType().GetProperties()
                .Select(p => (Property: p, Output: (ActivityOutputAttribute?)Attribute.GetCustomAttribute(p, typeof(ActivityOutputAttribute))))
                .Where(x => x.Output is not null)
                .ToDictionary(x => x.Output!.Name ?? x.Property.Name, x => x.Property.GetValue(item), StringComparer.Ordinal);
            Rows.Add(row);
            count++;
        }

        return count;
    }

    public void PublishRange(string name, IEnumerable values)
    {
        foreach (var value in values)
        {
            Published.Add(new PublishedItem(name, value));
        }
    }

    public IActivityResponse WithFiltering() => this;

    public void ReportErrorEvent(string summary, string details) => Published.Add(new PublishedItem("(error event) " + summary, details));
}
