using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using System.Linq;

namespace OrchPatch.Simulator;

/// <summary>The <see cref="SimulatorSettings"/> are invalid; nothing was created. The message lists every bad field.</summary>
public sealed class SimulatorSettingsException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errors">One line per invalid field.</param>
    public SimulatorSettingsException(IReadOnlyList<string> errors)
        : base("The 'SimulatorSettings' are invalid. Validation Errors:" + Environment.NewLine + string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    /// <summary>One line per invalid field.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>Checks every data-annotation attribute of <paramref name="settings"/> and its cross-field checks.</summary>
    /// <param name="settings">The settings.</param>
    /// <exception cref="SimulatorSettingsException">Some field is invalid.</exception>
    internal static void ThrowIfInvalid(SimulatorSettings settings)
    {
        var results = new List<ValidationResult>();
        var context = new ValidationContext(settings);
        if (Validator.TryValidateObject(settings, context, results, validateAllProperties: true))
        {
            return;
        }

        throw new SimulatorSettingsException(results.Select(r => r.ErrorMessage ?? "(no message)").Distinct().ToArray());
    }
}
