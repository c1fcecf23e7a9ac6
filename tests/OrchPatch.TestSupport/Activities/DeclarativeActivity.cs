using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.SystemCenter.Orchestrator.Integration;

namespace OrchPatch.TestSupport.Activities;

/// <summary>Reads and runs a declarative activity the way Orchestrator does: by reflection over the SDK's attributes.</summary>
internal static class DeclarativeActivity
{
    public static ActivityDescription Describe(Type type, List<string> problems, IReadOnlyList<string> io)
    {
        var activity = type.GetCustomAttribute<ActivityAttribute>()!;
        var inputs = InputsOf(type, problems);
        var outputs = OutputsOf(type, problems);
        var configuration = ConfigurationOf(type, problems);
        var methods = type.GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.GetCustomAttribute<ActivityMethodAttribute>() is not null).ToArray();
        if (methods.Length > 1)
        {
            problems.Add($"{type.Name} has {methods.Length} [ActivityMethod] methods; Orchestrator runs one.");
        }

        foreach (var method in methods)
        {
            if (method.ReturnType != typeof(void) || method.GetParameters().Length != 0)
            {
                problems.Add($"[ActivityMethod] {method.Name} must be public, void and parameterless.");
            }
        }

        CheckUnique("input", inputs.Select(i => i.Name), problems);
        CheckUnique("output", outputs.Select(o => o.Name), problems);
        problems.AddRange(io.Select(i => "Network use before the activity method ran: " + i));
        return new ActivityDescription(type, ActivityModel.Declarative, activity.Name ?? type.Name, activity.Description, inputs, outputs, configuration, problems, io);
    }

    public static IReadOnlyList<InputDescription> InputsOf(Type type, List<string> problems)
    {
        var result = new List<InputDescription>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var input = property.GetCustomAttribute<ActivityInputAttribute>();
            if (input is null)
            {
                continue;
            }

            var name = input.Name ?? property.Name;
            if (property.SetMethod is null || !property.SetMethod.IsPublic)
            {
                problems.Add($"Input '{name}' ({property.Name}) has no public setter.");
            }

            var choices = ChoicesOf(property.PropertyType, input.Options);
            if (input.Default is not null)
            {
                try
                {
                    var converted = ValueConversion.ToPropertyType(input.Default, property.PropertyType, name);
                    if (choices.Count > 0 && !choices.Contains(Convert.ToString(converted, System.Globalization.CultureInfo.InvariantCulture)!))
                    {
                        problems.Add($"Input '{name}': default '{input.Default}' is not one of its choices ({string.Join(", ", choices)}).");
                    }
                }
                catch (HarnessException ex)
                {
                    problems.Add($"Input '{name}': default of the wrong type: {ex.Message}");
                }
            }

            if (input.PasswordProtected && property.PropertyType != typeof(string))
            {
                problems.Add($"Input '{name}' is password-protected but not a string.");
            }

            var browser = choices.Count > 0 ? "list" : ValueConversion.KindOf(property.PropertyType) switch
            {
                DataKind.Boolean => "boolean",
                DataKind.DateTime => "datetime",
                _ => "text",
            };
            result.Add(new InputDescription(name, property.PropertyType, ValueConversion.KindOf(property.PropertyType), input.Optional, input.Default, input.PasswordProtected, choices, browser));
        }

        return result;
    }

    public static IReadOnlyList<OutputDescription> OutputsOf(Type type, List<string> problems)
    {
        var result = new List<OutputDescription>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var output = property.GetCustomAttribute<ActivityOutputAttribute>();
            if (output is null)
            {
                continue;
            }

            var name = output.Name ?? property.Name;
            if (property.GetMethod is null || !property.GetMethod.IsPublic)
            {
                problems.Add($"Output '{name}' ({property.Name}) has no public getter.");
            }

            var rowType = RowTypeOf(property.PropertyType);
            if (rowType is not null)
            {
                foreach (var column in OutputsOf(rowType, problems))
                {
                    result.Add(column with { Correlated = true });
                }

                continue;
            }

            var element = ValueConversion.ElementType(property.PropertyType);
            result.Add(new OutputDescription(name, property.PropertyType, ValueConversion.KindOf(element ?? property.PropertyType), false, element is not null));
        }

        return result;
    }

    public static Type? RowTypeOf(Type type)
    {
        if (type.GetCustomAttribute<ActivityDataAttribute>() is not null)
        {
            return type;
        }

        var element = ValueConversion.ElementType(type);
        return element is not null && element.GetCustomAttribute<ActivityDataAttribute>() is not null ? element : null;
    }

    public static ConfigurationDescription? ConfigurationOf(Type type, List<string> problems)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetCustomAttribute<ActivityConfigurationAttribute>() is not null).ToArray();
        if (properties.Length == 0)
        {
            return null;
        }

        if (properties.Length > 1)
        {
            problems.Add($"{type.Name} has {properties.Length} [ActivityConfiguration] properties; Orchestrator allows one.");
        }

        var property = properties[0];
        var data = property.PropertyType.GetCustomAttribute<ActivityDataAttribute>();
        if (data is null)
        {
            problems.Add($"[ActivityConfiguration] {property.Name}: its type {property.PropertyType.Name} is not marked [ActivityData].");
        }

        if (property.PropertyType.GetConstructor(Type.EmptyTypes) is null)
        {
            problems.Add($"[ActivityConfiguration] {property.Name}: {property.PropertyType.Name} needs a public parameterless constructor.");
        }

        var settings = InputsOf(property.PropertyType, problems);
        CheckUnique("configuration setting", settings.Select(s => s.Name), problems);
        return new ConfigurationDescription(data?.Name ?? property.PropertyType.Name, property.PropertyType, property.Name, settings);
    }

    public static object CreateConfiguration(ConfigurationDescription configuration, IReadOnlyDictionary<string, object?> settings)
    {
        var instance = Activator.CreateInstance(configuration.Type)!;
        SetInputs(instance, settings, InputsByName(configuration.Type), "configuration setting");
        return instance;
    }

    public static void SetInputs(object target, IReadOnlyDictionary<string, object?> values, IReadOnlyDictionary<string, (PropertyInfo Property, ActivityInputAttribute Input)> inputs, string what)
    {
        foreach (var pair in values)
        {
            if (!inputs.ContainsKey(pair.Key))
            {
                throw new HarnessException($"'{pair.Key}' is not a known {what} of {target.GetType().Name}. Known: {string.Join(", ", inputs.Keys)}.");
            }
        }

        foreach (var (name, (property, input)) in inputs)
        {
            if (values.TryGetValue(name, out var value))
            {
                property.SetValue(target, ValueConversion.ToPropertyType(value, property.PropertyType, name));
            }
            else if (input.Default is not null)
            {
                // The Designer shows the default in the field, so a saved runbook carries it.
                property.SetValue(target, ValueConversion.ToPropertyType(input.Default, property.PropertyType, name));
            }
            else if (!input.Optional)
            {
                throw new HarnessException($"Required {what} '{name}' was not given (Orchestrator would not let the runbook be saved).");
            }
        }
    }

    public static IReadOnlyDictionary<string, (PropertyInfo Property, ActivityInputAttribute Input)> InputsByName(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Input: p.GetCustomAttribute<ActivityInputAttribute>()))
            .Where(x => x.Input is not null)
            .ToDictionary(x => x.Input!.Name ?? x.Property.Name, x => (x.Property, x.Input!), StringComparer.Ordinal);

    public static void Invoke(object activity)
    {
        var method = activity.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance).FirstOrDefault(m => m.GetCustomAttribute<ActivityMethodAttribute>() is not null);
        if (method is null)
        {
            return;
        }

        try
        {
            method.Invoke(activity, null);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
        }
    }

    public static (List<PublishedItem> Published, List<IReadOnlyDictionary<string, object?>> Rows) ReadOutputs(object activity)
    {
        var published = new List<PublishedItem>();
        var rows = new List<IReadOnlyDictionary<string, object?>>();
        foreach (var property in activity.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var output = property.GetCustomAttribute<ActivityOutputAttribute>();
            if (output is null)
            {
                continue;
            }

            var value = property.GetValue(activity);
            var rowType = RowTypeOf(property.PropertyType);
            if (rowType is not null)
            {
                var items = value is null ? Array.Empty<object>() : value is IEnumerable many && property.PropertyType != rowType ? many.Cast<object>().ToArray() : new[] { value };
                rows.AddRange(items.Select(ReadRow));
                continue;
            }

            if (value is IEnumerable values && value is not string)
            {
                published.AddRange(values.Cast<object?>().Select(v => new PublishedItem(output.Name ?? property.Name, v)));
            }
            else
            {
                published.Add(new PublishedItem(output.Name ?? property.Name, value));
            }
        }

        return (published, rows);
    }

    private static IReadOnlyDictionary<string, object?> ReadRow(object row) =>
        row.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Output: p.GetCustomAttribute<ActivityOutputAttribute>()))
            .Where(x => x.Output is not null)
            .ToDictionary(x => x.Output!.Name ?? x.Property.Name, x => x.Property.GetValue(row), StringComparer.Ordinal);

    private static IReadOnlyList<string> ChoicesOf(Type type, string? options)
    {
        if (!string.IsNullOrEmpty(options))
        {
            return options.Split(',').Select(o => o.Trim()).ToArray();
        }

        var target = Nullable.GetUnderlyingType(type) ?? type;
        return target.IsEnum ? Enum.GetNames(target) : Array.Empty<string>();
    }

    public static void CheckUnique(string what, IEnumerable<string> names, List<string> problems)
    {
        foreach (var group in names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            problems.Add($"The {what} name '{group.Key}' is used {group.Count()} times.");
        }
    }
}
