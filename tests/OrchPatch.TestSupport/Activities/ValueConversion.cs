using System;
using System.Collections;
using System.Globalization;
using System.Linq;

namespace OrchPatch.TestSupport.Activities;

/// <summary>Converts data-bus text to a property's type the way Orchestrator's runtime does, and classifies types.</summary>
internal static class ValueConversion
{
    public static object? ToPropertyType(object? value, Type type, string inputName)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (value is null)
        {
            return null;
        }

        if (target.IsInstanceOfType(value))
        {
            return value;
        }

        var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
        try
        {
            if (target == typeof(string))
            {
                return text;
            }

            if (target.IsEnum)
            {
                var name = Enum.GetNames(target).FirstOrDefault(n => string.Equals(n, text.Replace(" ", string.Empty), StringComparison.OrdinalIgnoreCase));
                return name is not null ? Enum.Parse(target, name) : throw new FormatException($"'{text}' is not one of {string.Join(", ", Enum.GetNames(target))}");
            }

            if (target == typeof(bool))
            {
                return text.Equals("true", StringComparison.OrdinalIgnoreCase) || text == "1";
            }

            if (target == typeof(DateTime))
            {
                return DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            }

            return Convert.ChangeType(text, target, CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
        {
            throw new HarnessException($"Input '{inputName}': '{text}' cannot become {target.Name} ({ex.Message}).");
        }
    }

    public static DataKind KindOf(Type? type)
    {
        if (type is null)
        {
            return DataKind.String;
        }

        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(bool))
        {
            return DataKind.Boolean;
        }

        if (target == typeof(DateTime) || target == typeof(DateTimeOffset))
        {
            return DataKind.DateTime;
        }

        return target == typeof(int) || target == typeof(long) || target == typeof(short) || target == typeof(double) || target == typeof(decimal)
            ? DataKind.Number
            : DataKind.String;
    }

    public static Type? ElementType(Type type)
    {
        if (type == typeof(string))
        {
            return null;
        }

        if (type.IsArray)
        {
            return type.GetElementType();
        }

        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(System.Collections.Generic.IEnumerable<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(System.Collections.Generic.IEnumerable<>));
        return enumerable?.GetGenericArguments()[0] ?? (typeof(IEnumerable).IsAssignableFrom(type) ? typeof(object) : null);
    }
}

/// <summary>The harness was used wrongly or the activity's design cannot be driven (not an activity failure).</summary>
public sealed class HarnessException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HarnessException(string message)
        : base(message)
    {
    }
}
