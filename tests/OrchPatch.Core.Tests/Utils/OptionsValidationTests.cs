using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using NUnit.Framework;
using OrchPatch.Core.Utils;

namespace OrchPatch.Core.Tests.Utils;

[TestFixture]
public sealed class OptionsValidationTests
{
    private sealed class SampleOptions
    {
        [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
        public TimeSpan Deadline { get; set; } = TimeSpan.FromMinutes(30);

        [System.ComponentModel.DataAnnotations.Range(1, 1000)]
        public int MaxJobs { get; set; } = 50;
    }

    [Test]
    public void Validate_EveryBadField_IsReportedAtOnce()
    {
        var options = new SampleOptions { Deadline = TimeSpan.Zero, MaxJobs = 0 };

        var ex = Assert.Throws<OptionsValidationException>(() => OptionsValidation.Validate(options));

        Assert.That(ex!.Message, Is.EqualTo(
            "The 'SampleOptions' are invalid. Validation Errors:" + Environment.NewLine +
            "The field Deadline must be between 00:00:01 and 1.00:00:00." + Environment.NewLine +
            "The field MaxJobs must be between 1 and 1000."));
    }

    private sealed class CrossFieldOptions : IValidatableObject
    {
        [System.ComponentModel.DataAnnotations.Range(1, 1000)]
        public int MaxJobs { get; set; } = 50;

        public int MinJobs { get; set; } = 1;

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (MinJobs > MaxJobs)
            {
                yield return new ValidationResult("The field MinJobs must not exceed MaxJobs.");
            }
        }
    }

    [Test]
    public void Validate_AttributeAndCrossFieldErrors_AreReportedTogether()
    {
        var options = new CrossFieldOptions { MaxJobs = 0, MinJobs = 5 };

        var ex = Assert.Throws<OptionsValidationException>(() => OptionsValidation.Validate(options));

        Assert.That(ex!.Errors, Is.EqualTo(new[] { "The field MaxJobs must be between 1 and 1000.", "The field MinJobs must not exceed MaxJobs." }));
    }

    [Test]
    public void Validate_OnlyCrossFieldError_IsReportedOnce()
    {
        var options = new CrossFieldOptions { MaxJobs = 3, MinJobs = 5 };

        var ex = Assert.Throws<OptionsValidationException>(() => OptionsValidation.Validate(options));

        Assert.That(ex!.Errors, Is.EqualTo(new[] { "The field MinJobs must not exceed MaxJobs." }));
    }

    [Test]
    public void Validate_GoodOptions_Passes()
    {
        Assert.DoesNotThrow(() => OptionsValidation.Validate(new SampleOptions()));
    }
}
