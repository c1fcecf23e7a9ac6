using System;
using System.Collections.Generic;
using System.Linq;

namespace OrchPatch.Activities;

/// <summary>Checks activity inputs before anything changes, naming the input as the runbook author sees it.</summary>
internal static class InputCheck
{
    public static string Required(string? value, string input, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ActivityFailedException($"The input '{input}' is empty: {what}. Nothing was changed.");
        }

        return value!.Trim();
    }

    /// <summary>Whole minutes from 1 to the option's declared maximum (a duration, in whole minutes).</summary>
    public static TimeSpan Minutes(int value, string input, TimeSpan maximum)
    {
        var max = (int)maximum.TotalMinutes;
        if (value < 1 || value > max)
        {
            throw new ActivityFailedException($"The input '{input}' must be a whole number of minutes from 1 to {max}; got {value}. Nothing was changed.");
        }

        return TimeSpan.FromMinutes(value);
    }

    public static int Range(int value, string input, (int Minimum, int Maximum) range)
    {
        var (min, max) = range;
        if (value < min || value > max)
        {
            throw new ActivityFailedException($"The input '{input}' must be from {min} to {max}; got {value}. Nothing was changed.");
        }

        return value;
    }

    public static Guid? OptionalId(string? value, string input)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Guid.TryParse(value!.Trim().Trim('{', '}'), out var id)
            ? id
            : throw new ActivityFailedException($"The input '{input}' must be a job id (a GUID); got '{value}'. Nothing was changed.");
    }

    public static IReadOnlyList<string> Names(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? Array.Empty<string>()
            : value!.Split(new[] { ';', ',', '\n', '\r' }, StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()).Where(s => s.Length > 0).ToArray();
}
