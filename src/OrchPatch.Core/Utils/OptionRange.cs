using System;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;

namespace OrchPatch.Core.Utils;

/// <summary>
/// The range an options property declares with <c>[Range]</c>, read from the property itself, so the command line
/// and the activities check their input against the limits the options type validates (each range is written once,
/// on the option) and can still say it in their own words ("--min-servers must be from 2 to 1000").
/// </summary>
public static class OptionRange
{
    /// <summary>The declared range of a whole-number option.</summary>
    /// <param name="options">The options type, for example <c>typeof(DrainOptions)</c>.</param>
    /// <param name="property">The property's name.</param>
    /// <returns>The inclusive bounds.</returns>
    /// <exception cref="InvalidOperationException">The property declares no range (a bug in the caller).</exception>
    public static (int Minimum, int Maximum) Whole(Type options, string property)
    {
        var range = Declared(options, property);
        return (Convert.ToInt32(range.Minimum, CultureInfo.InvariantCulture), Convert.ToInt32(range.Maximum, CultureInfo.InvariantCulture));
    }

    /// <summary>The declared range of a duration option.</summary>
    /// <param name="options">The options type, for example <c>typeof(DrainOptions)</c>.</param>
    /// <param name="property">The property's name.</param>
    /// <returns>The inclusive bounds.</returns>
    /// <exception cref="InvalidOperationException">The property declares no range (a bug in the caller).</exception>
    public static (TimeSpan Minimum, TimeSpan Maximum) Duration(Type options, string property)
    {
        var range = Declared(options, property);
        return (AsDuration(range.Minimum), AsDuration(range.Maximum));
    }

    private static RangeAttribute Declared(Type options, string property) =>
        Guard.NotNull(options).GetProperty(property)?.GetCustomAttribute<RangeAttribute>()
            ?? throw new InvalidOperationException($"Bug in OrchPatch: {options.Name}.{property} declares no [Range].");

    private static TimeSpan AsDuration(object bound) =>
        bound as TimeSpan? ?? TimeSpan.Parse(Convert.ToString(bound, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture);
}
