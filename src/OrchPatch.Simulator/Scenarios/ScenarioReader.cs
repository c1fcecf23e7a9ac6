using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace OrchPatch.Simulator.Scenarios;

/// <summary>Reads the scenario JSON format (README, "Scenario files"). Strict: an unknown property is an error, so a
/// typo never silently becomes a default. Every problem is collected and reported at once, with its JSON path.</summary>
internal sealed class ScenarioReader
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    private readonly List<string> _problems = new();

    public static Scenario Parse(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException ex)
        {
            throw new ScenarioException(source, new[] { "the text is not valid JSON: " + ex.Message });
        }

        using (document)
        {
            var reader = new ScenarioReader();
            var scenario = reader.ReadScenario(document.RootElement);
            if (reader._problems.Count > 0)
            {
                throw new ScenarioException(source, reader._problems);
            }

            try
            {
                scenario.Validate();
            }
            catch (ScenarioException ex)
            {
                throw new ScenarioException(source, ex.Problems);
            }

            return scenario;
        }
    }

    private Scenario ReadScenario(JsonElement root)
    {
        var fields = Fields(root, "$", "name", "seed", "servers", "runbooks", "arrivals", "initialJobs");
        if (fields is null)
        {
            return new Scenario();
        }

        return new Scenario
        {
            Name = String(fields, "$", "name") ?? "custom",
            Seed = Int(fields, "$", "seed") ?? 1,
            Servers = List(fields, "$", "servers", ReadServer),
            Runbooks = List(fields, "$", "runbooks", ReadRunbook),
            Arrivals = List(fields, "$", "arrivals", ReadArrival),
            InitialJobs = List(fields, "$", "initialJobs", ReadInitialJob),
        };
    }

    private ServerSpec? ReadServer(JsonElement element, string where)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return new ServerSpec(element.GetString()!);
        }

        var fields = Fields(element, where, "name", "id", "maxJobs");
        if (fields is null)
        {
            return null;
        }

        var name = Required(String(fields, where, "name"), where, "name");
        return name is null ? null : new ServerSpec(name)
        {
            Id = Guid(fields, where, "id"),
            MaxJobs = Int(fields, where, "maxJobs") ?? MaxJobsLimits.Default,
        };
    }

    private RunbookSpec? ReadRunbook(JsonElement element, string where)
    {
        var fields = Fields(element, where, "path", "id", "isMonitor", "role", "parameters", "duration", "concurrency", "servers", "triggerInterval", "children", "failureRate");
        if (fields is null)
        {
            return null;
        }

        var path = Required(String(fields, where, "path"), where, "path");
        if (path is null)
        {
            return null;
        }

        var defaults = new RunbookSpec(path);
        return defaults with
        {
            Id = Guid(fields, where, "id"),
            IsMonitor = Bool(fields, where, "isMonitor") ?? false,
            Role = Enum<RunbookRole>(fields, where, "role") ?? RunbookRole.Ordinary,
            Parameters = List(fields, where, "parameters", ReadParameter),
            Duration = fields.TryGetValue("duration", out var duration) ? ReadDuration(duration, where + ".duration") ?? defaults.Duration : defaults.Duration,
            Concurrency = Int(fields, where, "concurrency") ?? defaults.Concurrency,
            Servers = Strings(fields, where, "servers"),
            TriggerInterval = Duration(fields, where, "triggerInterval") ?? defaults.TriggerInterval,
            Children = List(fields, where, "children", ReadChild),
            FailureRate = Double(fields, where, "failureRate") ?? 0,
        };
    }

    private ParameterSpec? ReadParameter(JsonElement element, string where)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return new ParameterSpec(element.GetString()!);
        }

        var fields = Fields(element, where, "name", "id", "type", "direction");
        if (fields is null)
        {
            return null;
        }

        var name = Required(String(fields, where, "name"), where, "name");
        return name is null ? null : new ParameterSpec(name)
        {
            Id = Guid(fields, where, "id"),
            Type = String(fields, where, "type") ?? "String",
            Direction = Enum<ParameterDirection>(fields, where, "direction") ?? ParameterDirection.In,
        };
    }

    private ChildSpec? ReadChild(JsonElement element, string where)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return new ChildSpec(element.GetString()!);
        }

        var fields = Fields(element, where, "runbook", "wait", "onParentServer");
        if (fields is null)
        {
            return null;
        }

        var runbook = Required(String(fields, where, "runbook"), where, "runbook");
        return runbook is null ? null : new ChildSpec(runbook)
        {
            Wait = Bool(fields, where, "wait") ?? true,
            OnParentServer = Bool(fields, where, "onParentServer") ?? false,
        };
    }

    private ArrivalSpec? ReadArrival(JsonElement element, string where)
    {
        var fields = Fields(element, where, "runbook", "ratePerHour", "parameters", "servers");
        if (fields is null)
        {
            return null;
        }

        var runbook = Required(String(fields, where, "runbook"), where, "runbook");
        var rate = Required(Double(fields, where, "ratePerHour"), where, "ratePerHour");
        return runbook is null || rate is null ? null : new ArrivalSpec(runbook, rate.Value)
        {
            Parameters = Map(fields, where, "parameters"),
            Servers = Strings(fields, where, "servers"),
        };
    }

    private InitialJobSpec? ReadInitialJob(JsonElement element, string where)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return new InitialJobSpec(element.GetString()!);
        }

        var fields = Fields(element, where, "runbook", "parameters", "servers");
        if (fields is null)
        {
            return null;
        }

        var runbook = Required(String(fields, where, "runbook"), where, "runbook");
        return runbook is null ? null : new InitialJobSpec(runbook)
        {
            Parameters = Map(fields, where, "parameters"),
            Servers = Strings(fields, where, "servers"),
        };
    }

    /// <summary>"untilCanceled", "30s" (fixed), or {"kind":"fixed|uniform|exponential|untilCanceled", ...}.</summary>
    private DurationDistribution? ReadDuration(JsonElement element, string where)
    {
        if (element.ValueKind is JsonValueKind.String or JsonValueKind.Number)
        {
            var text = element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
            if (string.Equals(text, "untilCanceled", StringComparison.OrdinalIgnoreCase))
            {
                return DurationDistribution.UntilCanceled;
            }

            if (DurationText.TryParse(text, out var value))
            {
                return DurationDistribution.Fixed(value);
            }

            _problems.Add($"{where}: '{text}' is neither \"untilCanceled\" nor {DurationText.Expected}");
            return null;
        }

        var fields = Fields(element, where, "kind", "value", "min", "max", "mean");
        if (fields is null)
        {
            return null;
        }

        var kind = Required(String(fields, where, "kind"), where, "kind");
        switch (kind?.ToLowerInvariant())
        {
            case null:
                return null;
            case "untilcanceled":
                return DurationDistribution.UntilCanceled;
            case "fixed":
                return Required(Duration(fields, where, "value"), where, "value") is { } value ? DurationDistribution.Fixed(value) : null;
            case "uniform":
                var min = Required(Duration(fields, where, "min"), where, "min");
                var max = Required(Duration(fields, where, "max"), where, "max");
                return min is null || max is null ? null : DurationDistribution.Uniform(min.Value, max.Value);
            case "exponential":
                return Required(Duration(fields, where, "mean"), where, "mean") is { } mean ? DurationDistribution.Exponential(mean) : null;
            default:
                _problems.Add($"{where}.kind: '{kind}' is not one of fixed, uniform, exponential, untilCanceled");
                return null;
        }
    }

    private Dictionary<string, JsonElement>? Fields(JsonElement element, string where, params string[] known)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            _problems.Add($"{where}: expected an object, got {Describe(element)}");
            return null;
        }

        var fields = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in element.EnumerateObject())
        {
            var name = known.FirstOrDefault(k => string.Equals(k, property.Name, StringComparison.OrdinalIgnoreCase));
            if (name is null)
            {
                _problems.Add($"{where}: unknown property '{property.Name}' (known: {string.Join(", ", known)})");
                continue;
            }

            fields[name] = property.Value;
        }

        return fields;
    }

    private T? Required<T>(T? value, string where, string name)
        where T : class
    {
        if (value is null)
        {
            _problems.Add($"{where}: '{name}' is required");
        }

        return value;
    }

    private T? Required<T>(T? value, string where, string name)
        where T : struct
    {
        if (value is null)
        {
            _problems.Add($"{where}: '{name}' is required");
        }

        return value;
    }

    private IReadOnlyList<T> List<T>(Dictionary<string, JsonElement> fields, string where, string name, Func<JsonElement, string, T?> read)
        where T : class
    {
        if (!fields.TryGetValue(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return Array.Empty<T>();
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            _problems.Add($"{where}.{name}: expected an array, got {Describe(element)}");
            return Array.Empty<T>();
        }

        var items = new List<T>();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (read(item, $"{(where == "$" ? string.Empty : where + ".")}{name}[{index++}]") is { } value)
            {
                items.Add(value);
            }
        }

        return items;
    }

    private IReadOnlyList<string> Strings(Dictionary<string, JsonElement> fields, string where, string name) =>
        List(fields, where, name, (e, w) =>
        {
            if (e.ValueKind == JsonValueKind.String)
            {
                return e.GetString();
            }

            _problems.Add($"{w}: expected a string, got {Describe(e)}");
            return null;
        });

    private IReadOnlyDictionary<string, string> Map(Dictionary<string, JsonElement> fields, string where, string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!fields.TryGetValue(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return map;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            _problems.Add($"{where}.{name}: expected an object of name/value pairs, got {Describe(element)}");
            return map;
        }

        foreach (var property in element.EnumerateObject())
        {
            map[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
        }

        return map;
    }

    private string? String(Dictionary<string, JsonElement> fields, string where, string name) =>
        Typed(fields, where, name, "a string", e => e.ValueKind == JsonValueKind.String, e => e.GetString()) is (true, var value) ? value : null;

    private int? Int(Dictionary<string, JsonElement> fields, string where, string name) =>
        Typed(fields, where, name, "a whole number", e => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out _), e => e.GetInt32()) is (true, var value) ? value : null;

    private double? Double(Dictionary<string, JsonElement> fields, string where, string name) =>
        Typed(fields, where, name, "a number", e => e.ValueKind == JsonValueKind.Number, e => e.GetDouble()) is (true, var value) ? value : null;

    private bool? Bool(Dictionary<string, JsonElement> fields, string where, string name) =>
        Typed(fields, where, name, "true or false", e => e.ValueKind is JsonValueKind.True or JsonValueKind.False, e => e.GetBoolean()) is (true, var value) ? value : null;

    private TimeSpan? Duration(Dictionary<string, JsonElement> fields, string where, string name) =>
        Typed(fields, where, name, DurationText.Expected, e => DurationText.TryParse(DurationSource(e), out _), e => DurationText.TryParse(DurationSource(e), out var d) ? d : TimeSpan.Zero) is (true, var value)
            ? value
            : null;

    private Guid? Guid(Dictionary<string, JsonElement> fields, string where, string name) =>
        Typed(fields, where, name, "a GUID", e => e.ValueKind == JsonValueKind.String && System.Guid.TryParse(e.GetString(), out _), e => System.Guid.Parse(e.GetString()!)) is (true, var value)
            ? value
            : null;

    /// <summary>Reads an optional field: absent or null gives (false, default); a value <paramref name="accepts"/>
    /// refuses is reported with its path and gives (false, default).</summary>
    private (bool Found, T Value) Typed<T>(
        Dictionary<string, JsonElement> fields, string where, string name, string expected, Func<JsonElement, bool> accepts, Func<JsonElement, T> read)
    {
        if (!fields.TryGetValue(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return (false, default!);
        }

        if (accepts(element))
        {
            return (true, read(element));
        }

        _problems.Add($"{where}.{name}: expected {expected}, got {Describe(element)}");
        return (false, default!);
    }

    private static string? DurationSource(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.String => element.GetString(),
        _ => null,
    };

    private TEnum? Enum<TEnum>(Dictionary<string, JsonElement> fields, string where, string name)
        where TEnum : struct, Enum
    {
        var text = String(fields, where, name);
        if (text is null)
        {
            return null;
        }

        if (System.Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value) && !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            return value;
        }

        _problems.Add($"{where}.{name}: '{text}' is not one of {string.Join(", ", System.Enum.GetNames<TEnum>())}");
        return null;
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"the string '{element.GetString()}'",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => element.GetRawText(),
    };
}
