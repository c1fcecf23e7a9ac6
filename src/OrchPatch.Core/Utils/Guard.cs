using System;
using System.Runtime.CompilerServices;

namespace OrchPatch.Core.Utils;

/// <summary>Uniform argument checks for public entry points (the Noda Time <c>Preconditions</c> pattern).</summary>
internal static class Guard
{
    public static T NotNull<T>(T? value, [CallerArgumentExpression(nameof(value))] string? name = null)
        where T : class
        => value ?? throw new ArgumentNullException(name);

    public static string NotNullOrWhiteSpace(string? value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (value is null)
        {
            throw new ArgumentNullException(name);
        }

        if (value.Trim().Length == 0)
        {
            throw new ArgumentException($"The value of {name} must not be empty.", name);
        }

        return value;
    }

    public static TimeSpan Positive(TimeSpan value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (value <= TimeSpan.Zero && value != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(name, value, $"The value of {name} must be greater than zero.");
        }

        return value;
    }

    public static int InRange(int value, int min, int max, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"The value of {name} must be in range [{min}-{max}].");
        }

        return value;
    }
}
