using System;
using NUnit.Framework;
using OrchPatch.Core.Maintenance;
using OrchPatch.Core.Utils;

namespace OrchPatch.Core.Tests.Utils;

[TestFixture]
public sealed class OptionRangeTests
{
    [Test]
    public void Whole_DeclaredRange_IsTheOneTheOptionsValidate()
    {
        var (min, max) = OptionRange.Whole(typeof(DrainOptions), nameof(DrainOptions.MinimumRunbookServers));

        Assert.That((min, max), Is.EqualTo((2, 1000)));
        Assert.That(() => OptionsValidation.Validate(new DrainOptions { MinimumRunbookServers = min - 1 }), Throws.InstanceOf<OptionsValidationException>());
        Assert.That(() => OptionsValidation.Validate(new DrainOptions { MinimumRunbookServers = max }), Throws.Nothing);
    }

    [Test]
    public void Duration_DeclaredRange_IsReadAsTimeSpans()
    {
        Assert.That(OptionRange.Duration(typeof(DrainOptions), nameof(DrainOptions.Deadline)), Is.EqualTo((TimeSpan.FromSeconds(1), TimeSpan.FromDays(7))));
    }

    [Test]
    public void Whole_PropertyWithoutARange_IsABugNamedAsOne()
    {
        var error = Assert.Throws<InvalidOperationException>(() => OptionRange.Whole(typeof(DrainOptions), nameof(DrainOptions.Reason)));

        Assert.That(error!.Message, Is.EqualTo("Bug in OrchPatch: DrainOptions.Reason declares no [Range]."));
    }
}
