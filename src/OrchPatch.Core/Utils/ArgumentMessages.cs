using System;

namespace OrchPatch.Core.Utils;

/// <summary>
/// What an argument check said, for people who never typed our parameter names: ArgumentException appends
/// " (Parameter 'x')" on .NET and a line "Parameter name: x" on .NET Framework, and an administrator or a runbook author
/// should see neither.
/// </summary>
public static class ArgumentMessages
{
    /// <summary>The exception's message without the parameter name the runtime appended to it.</summary>
    /// <param name="exception">Any exception; only an ArgumentException with a parameter name is changed.</param>
    /// <returns>The message.</returns>
    public static string WithoutParameterName(Exception exception)
    {
        var message = exception.Message;
        if (exception is ArgumentException { ParamName: { Length: > 0 } name })
        {
            foreach (var suffix in new[] { $" (Parameter '{name}')", Environment.NewLine + "Parameter name: " + name })
            {
                if (message.EndsWith(suffix, StringComparison.Ordinal))
                {
                    return message.Substring(0, message.Length - suffix.Length);
                }
            }
        }

        return message;
    }
}
