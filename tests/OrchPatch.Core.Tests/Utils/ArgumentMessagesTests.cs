using System;
using NUnit.Framework;
using OrchPatch.Core.Utils;

namespace OrchPatch.Core.Tests.Utils;

[TestFixture]
public sealed class ArgumentMessagesTests
{
    [Test]
    public void WithoutParameterName_ArgumentException_DropsWhatTheRuntimeAppended()
    {
        var error = new ArgumentException("The deadline must be positive.", "deadline");

        Assert.That(ArgumentMessages.WithoutParameterName(error), Is.EqualTo("The deadline must be positive."));
    }

    [Test]
    public void WithoutParameterName_OtherExceptionOrNoParameter_KeepsTheMessage()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ArgumentMessages.WithoutParameterName(new InvalidOperationException("(Parameter 'x')")), Is.EqualTo("(Parameter 'x')"));
            Assert.That(ArgumentMessages.WithoutParameterName(new ArgumentException("No name.")), Is.EqualTo("No name."));
        });
    }
}
