using System;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using OrchPatch.Core.Maintenance;

namespace OrchPatch.Cli.Infrastructure;

/// <summary>A duration option checked against the range its setting declares (<c>[Range]</c> on the options type),
/// so the limits are never retyped and the message is the user's: "--poll must be between 1s and 10m; got 1h."
/// instead of the options type's validation text ("The field PollInterval must be between 00:00:01 and 00:10:00").</summary>
internal static class SettingRange
{
    public static TimeSpan? Duration(ParsedArguments arguments, string option, Type settings, string property)
    {
        var value = arguments.Duration(option);
        if (value is not { } given)
        {
            return null;
        }

        var (min, max) = Of(settings, property);
        return given >= min && given <= max
            ? given
            : throw new UsageException($"{arguments.Source(option)} must be between {Durations.Format(min)} and {Durations.Format(max)}; got {Durations.Format(given)}.");
    }

    /// <summary>The declared range of a TimeSpan setting.</summary>
    public static (TimeSpan Min, TimeSpan Max) Of(Type settings, string property)
    {
        var range = settings.GetProperty(property)?.GetCustomAttribute<RangeAttribute>()
            ?? throw new InvalidOperationException($"Bug in orchpatch: {settings.Name}.{property} declares no [Range].");
        return (Parse(range.Minimum), Parse(range.Maximum));
    }

    private static TimeSpan Parse(object bound) =>
        bound as TimeSpan? ?? TimeSpan.Parse(Convert.ToString(bound, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture);
}
