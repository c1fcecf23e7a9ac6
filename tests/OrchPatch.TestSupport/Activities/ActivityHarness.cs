using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.SystemCenter.Orchestrator.Integration;

namespace OrchPatch.TestSupport.Activities;

/// <summary>Drives an activity class the way Orchestrator does, for both SDK models, and checks its design.</summary>
/// <remarks>
/// <para>Design: Runbook Designer loads the class offline and reads it (declarative: attributes by reflection;
/// imperative: <c>Design</c> with a designer). The harness does the same and reports problems: duplicate names,
/// defaults of the wrong type, missing setters, more than one configuration, and any HTTP request, socket connect
/// or DNS lookup made before the activity's method runs.</para>
/// <para>Run: inputs arrive as data-bus values (text converted to the property type), the configuration object is
/// set, the method runs, outputs are read; <c>IEnumerable</c> of an <c>[ActivityData]</c> type becomes correlated
/// rows. <c>ActivityWarning</c> ends it as Warning, any other exception as Failed.</para>
/// </remarks>
public static class ActivityHarness
{
    /// <summary>Reads an activity's design.</summary>
    /// <param name="activityType">The class.</param>
    /// <returns>The description, with its design problems.</returns>
    public static ActivityDescription Describe(Type activityType)
    {
        if (activityType.GetCustomAttribute<ActivityAttribute>() is null)
        {
            throw new HarnessException($"{activityType.Name} has no [Activity] attribute (mandatory for both models).");
        }

        var problems = new List<string>();
        var listener = new NetworkActivityListener();
        try
        {
            if (typeof(IActivity).IsAssignableFrom(activityType))
            {
                var instance = (IActivity)Create(activityType);
                var designer = new RecordingDesigner();
                instance.Design(designer);
                var io = listener.Stop();
                return DescribeImperative(activityType, designer, problems, io);
            }

            _ = Create(activityType);
            return DeclarativeActivity.Describe(activityType, problems, listener.Stop());
        }
        finally
        {
            listener.Dispose();
        }
    }

    /// <summary>Runs an activity.</summary>
    /// <param name="activityType">The class.</param>
    /// <param name="inputs">Input values by input name (text or typed).</param>
    /// <param name="configuration">Configuration settings by setting name, or null when the activity has none.</param>
    /// <returns>The outcome, published data and correlated rows.</returns>
    public static ActivityRun Run(Type activityType, IReadOnlyDictionary<string, object?> inputs, IReadOnlyDictionary<string, object?>? configuration = null)
    {
        var description = Describe(activityType);
        if (description.DesignProblems.Count > 0)
        {
            throw new HarnessException($"{activityType.Name} has design problems: {string.Join(" ", description.DesignProblems)}");
        }

        var listener = new NetworkActivityListener();
        object activity;
        try
        {
            activity = Create(activityType);
            if (description.Configuration is { } config)
            {
                var settings = DeclarativeActivity.CreateConfiguration(config, configuration ?? new Dictionary<string, object?>());
                activityType.GetProperty(config.PropertyName)!.SetValue(activity, settings);
            }
            else if (configuration is { Count: > 0 })
            {
                throw new HarnessException($"{activityType.Name} has no [ActivityConfiguration], but settings were given.");
            }

            if (description.Model == ActivityModel.Declarative)
            {
                DeclarativeActivity.SetInputs(activity, inputs, DeclarativeActivity.InputsByName(activityType), "input");
            }

            var io = listener.Stop();
            if (io.Count > 0)
            {
                throw new HarnessException($"{activityType.Name} used the network before its method ran: {string.Join("; ", io)}");
            }
        }
        finally
        {
            listener.Dispose();
        }

        return description.Model == ActivityModel.Declarative
            ? RunDeclarative(activity)
            : RunImperative((IActivity)activity, description, inputs);
    }

    private static ActivityRun RunDeclarative(object activity)
    {
        try
        {
            DeclarativeActivity.Invoke(activity);
            var (published, rows) = DeclarativeActivity.ReadOutputs(activity);
            return new ActivityRun(ActivityOutcome.Success, null, published, rows);
        }
        catch (ActivityWarning warning)
        {
            return new ActivityRun(ActivityOutcome.Warning, warning, Array.Empty<PublishedItem>(), Array.Empty<IReadOnlyDictionary<string, object?>>());
        }
        catch (Exception ex) when (ex is not HarnessException)
        {
            return new ActivityRun(ActivityOutcome.Failed, ex, Array.Empty<PublishedItem>(), Array.Empty<IReadOnlyDictionary<string, object?>>());
        }
    }

    private static ActivityRun RunImperative(IActivity activity, ActivityDescription description, IReadOnlyDictionary<string, object?> inputs)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var input in description.Inputs)
        {
            if (inputs.TryGetValue(input.Name, out var value))
            {
                values[input.Name] = value;
            }
            else if (input.Default is not null)
            {
                values[input.Name] = input.Default;
            }
            else if (!input.Optional)
            {
                throw new HarnessException($"Required input '{input.Name}' was not given.");
            }
        }

        foreach (var name in inputs.Keys.Where(k => description.Inputs.All(i => i.Name != k)))
        {
            throw new HarnessException($"'{name}' is not an input of {activity.GetType().Name}.");
        }

        var response = new RecordingResponse();
        try
        {
            activity.Execute(new ActivityRequest(new InputCollection(values)), response);
            return new ActivityRun(ActivityOutcome.Success, null, response.Published, response.Rows);
        }
        catch (ActivityWarning warning)
        {
            return new ActivityRun(ActivityOutcome.Warning, warning, response.Published, response.Rows);
        }
        catch (Exception ex) when (ex is not HarnessException)
        {
            return new ActivityRun(ActivityOutcome.Failed, ex, response.Published, response.Rows);
        }
    }

    private static ActivityDescription DescribeImperative(Type type, RecordingDesigner designer, List<string> problems, IReadOnlyList<string> io)
    {
        var attribute = type.GetCustomAttribute<ActivityAttribute>()!;
        var inputs = designer.Inputs.Select(i =>
        {
            if (i.Default is not null && i.EnumType is not null && !Enum.IsDefined(i.EnumType, i.Default))
            {
                problems.Add($"Input '{i.Name}': default '{i.Default}' is not a value of {i.EnumType.Name}.");
            }

            if (i.Default is not null && i.Choices.Count > 0 && !i.Choices.Contains(Convert.ToString(i.Default, System.Globalization.CultureInfo.InvariantCulture)!))
            {
                problems.Add($"Input '{i.Name}': default '{i.Default}' is not one of its choices.");
            }

            var kind = i.Browser switch { "boolean" => DataKind.Boolean, "datetime" => DataKind.DateTime, _ => DataKind.String };
            return new InputDescription(i.Name, null, kind, !i.Required, i.Default, i.Password, i.Choices, i.Browser);
        }).ToList();
        var outputs = designer.Outputs.Select(o => new OutputDescription(o.Name, null, o.Kind, false, false)).ToList();
        foreach (var rowType in designer.CorrelatedData)
        {
            if (rowType.GetCustomAttribute<ActivityDataAttribute>() is null)
            {
                problems.Add($"Correlated data type {rowType.Name} is not marked [ActivityData].");
            }

            outputs.AddRange(DeclarativeActivity.OutputsOf(rowType, problems).Select(o => o with { Correlated = true }));
        }

        DeclarativeActivity.CheckUnique("input", inputs.Select(i => i.Name), problems);
        DeclarativeActivity.CheckUnique("output", outputs.Select(o => o.Name), problems);
        var configuration = DeclarativeActivity.ConfigurationOf(type, problems);
        problems.AddRange(io.Select(i => "Network use before the activity method ran: " + i));
        return new ActivityDescription(type, ActivityModel.Imperative, attribute.Name ?? type.Name, attribute.Description, inputs, outputs, configuration, problems, io);
    }

    private static object Create(Type type)
    {
        if (type.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new HarnessException($"{type.Name} needs a public parameterless constructor: Orchestrator creates it by reflection.");
        }

        try
        {
            return Activator.CreateInstance(type)!;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw new HarnessException($"{type.Name}'s constructor threw: {ex.InnerException.Message}");
        }
    }
}
