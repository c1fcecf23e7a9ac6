using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using System.Linq;

namespace OrchPatch.Core.Utils;

/// <summary>Validates an options object once, reporting every bad field at once (the Polly <c>ValidationHelper</c> pattern).</summary>
public static class OptionsValidation
{
    /// <summary>Throws <see cref="OptionsValidationException"/> listing every invalid field of <paramref name="options"/>.</summary>
    /// <param name="options">The options, with data-annotation attributes and optionally <see cref="IValidatableObject"/>
    /// (whose checks are reported too when an attribute has already failed).</param>
    /// <exception cref="OptionsValidationException">Some field is invalid.</exception>
    public static void Validate(object options)
    {
        Guard.NotNull(options);
        var results = new List<ValidationResult>();
        var context = new ValidationContext(options);
        if (Validator.TryValidateObject(options, context, results, validateAllProperties: true))
        {
            return;
        }

        // The Validator skips IValidatableObject.Validate once an attribute has failed (and runs it when none has):
        // run it again and drop repeats, so the cross-field checks are always listed with the rest.
        if (options is IValidatableObject validatable)
        {
            results.AddRange(validatable.Validate(context));
        }

        throw new OptionsValidationException(options.GetType().Name, results.Select(r => r.ErrorMessage ?? "(no message)").Distinct().ToArray());
    }
}

/// <summary>An options object is invalid; nothing was changed.</summary>
[Serializable]
public sealed class OptionsValidationException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="optionsName">The options type, for example "DrainOptions".</param>
    /// <param name="errors">One line per invalid field.</param>
    public OptionsValidationException(string optionsName, IReadOnlyList<string> errors)
        : base($"The '{optionsName}' are invalid. Validation Errors:" + Environment.NewLine + string.Join(Environment.NewLine, errors))
    {
        OptionsName = optionsName;
        Errors = errors;
    }

    /// <summary>The options type.</summary>
    public string OptionsName { get; }

    /// <summary>One line per invalid field.</summary>
    public IReadOnlyList<string> Errors { get; }
}
