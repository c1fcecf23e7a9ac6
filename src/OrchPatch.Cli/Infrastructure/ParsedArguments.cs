using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using OrchPatch.Core.Maintenance;

namespace OrchPatch.Cli.Infrastructure;

/// <summary>A command's arguments after parsing: positionals, and options from the command line or ORCHPATCH_*.</summary>
internal sealed class ParsedArguments
{
    private readonly Dictionary<string, List<string>> _values;
    private readonly HashSet<string> _flags;
    private readonly IReadOnlySet<string> _fromEnvironment;

    public ParsedArguments(IReadOnlyList<string> positionals, Dictionary<string, List<string>> values, HashSet<string> flags, IReadOnlySet<string>? fromEnvironment = null)
    {
        Positionals = positionals;
        _values = values;
        _flags = flags;
        _fromEnvironment = fromEnvironment ?? new HashSet<string>();
    }

    /// <summary>Where a value came from, in the user's words: "--throttle", or "ORCHPATCH_THROTTLE" when the
    /// environment supplied it, so an error points at what the user must change.</summary>
    public string Source(string name) =>
        _fromEnvironment.Contains(name) ? $"{EnvironmentVariable(name)} (the fallback for --{name})" : $"--{name}";

    /// <summary>Whether the value came from ORCHPATCH_* rather than the command line (a hint need not repeat it:
    /// the variable still applies in the same shell).</summary>
    public bool FromEnvironment(string name) => _fromEnvironment.Contains(name);

    public static string EnvironmentVariable(string name) => $"ORCHPATCH_{name.Replace('-', '_').ToUpperInvariant()}";

    public IReadOnlyList<string> Positionals { get; }

    public bool Has(string name) => _flags.Contains(name) || _values.ContainsKey(name);

    public bool Flag(string name) => _flags.Contains(name);

    public string? Value(string name) => _values.TryGetValue(name, out var list) ? list[list.Count - 1] : null;

    public IReadOnlyList<string> Values(string name) => _values.TryGetValue(name, out var list) ? list : Array.Empty<string>();

    /// <summary>Values of a repeatable option, each also split on commas ("--servers A,B --servers C").</summary>
    public IReadOnlyList<string> List(string name) =>
        Values(name).SelectMany(v => v.Split(',')).Select(v => v.Trim()).Where(v => v.Length > 0).ToArray();

    public string Required(string name) =>
        Value(name) ?? throw new UsageException($"--{name} is required (or set {EnvironmentVariable(name)}).");

    public int? Int(string name, int min, int max)
    {
        var text = Value(name);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new UsageException($"{Source(name)} must be a whole number from {min} to {max}; got '{text}'.");
        }

        return value;
    }

    public double? Double(string name, double min, double max)
    {
        var text = Value(name);
        if (text is null)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new UsageException($"{Source(name)} must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}; got '{text}'.");
        }

        return value;
    }

    public TimeSpan? Duration(string name)
    {
        var text = Value(name);
        if (text is null)
        {
            return null;
        }

        return Durations.TryParse(text, out var value)
            ? value
            : throw new UsageException($"{Source(name)} must be a duration such as {Durations.Forms}; got '{text}'.");
    }

    public TEnum? Enum<TEnum>(string name)
        where TEnum : struct, System.Enum
    {
        var text = Value(name);
        if (text is null)
        {
            return null;
        }

        var match = System.Enum.GetNames<TEnum>().FirstOrDefault(n => string.Equals(n, text.Replace("-", string.Empty), StringComparison.OrdinalIgnoreCase));
        return match is not null
            ? System.Enum.Parse<TEnum>(match)
            : throw new UsageException($"{Source(name)} must be one of {string.Join(", ", System.Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()))}; got '{text}'.");
    }
}
