using System;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Utils;

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

    /// <summary>A whole-number option checked against the range its setting declares.</summary>
    public static int? Whole(ParsedArguments arguments, string option, Type settings, string property)
    {
        var (min, max) = OptionRange.Whole(settings, property);
        return arguments.Int(option, min, max);
    }

    /// <summary>The declared range of a TimeSpan setting.</summary>
    public static (TimeSpan Min, TimeSpan Max) Of(Type settings, string property) => OptionRange.Duration(settings, property);
}
