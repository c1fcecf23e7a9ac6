using System;
using System.Collections.Generic;
using System.Globalization;

namespace OrchPatch.Simulator.Scenarios;

/// <summary>How long a runbook runs: fixed, uniform, exponential, or until canceled. Draws are rounded to milliseconds.</summary>
public abstract record DurationDistribution
{
    private protected DurationDistribution()
    {
    }

    /// <summary>Runs until its job is canceled (the Wait Runbook; monitors always behave so).</summary>
    public static DurationDistribution UntilCanceled { get; } = new UntilCanceledDistribution();

    /// <summary>Always <paramref name="value"/>.</summary>
    /// <param name="value">The duration.</param>
    /// <returns>The distribution.</returns>
    public static DurationDistribution Fixed(TimeSpan value) => new FixedDistribution(value);

    /// <summary>Uniform between <paramref name="min"/> and <paramref name="max"/>.</summary>
    /// <param name="min">The shortest.</param>
    /// <param name="max">The longest.</param>
    /// <returns>The distribution.</returns>
    public static DurationDistribution Uniform(TimeSpan min, TimeSpan max) => new UniformDistribution(min, max);

    /// <summary>Exponential with mean <paramref name="mean"/> (many short runs, a few long ones).</summary>
    /// <param name="mean">The mean.</param>
    /// <returns>The distribution.</returns>
    public static DurationDistribution Exponential(TimeSpan mean) => new ExponentialDistribution(mean);

    /// <summary>Draws one duration; null means "until canceled".</summary>
    /// <param name="random">The source of randomness.</param>
    /// <returns>The duration, at least a millisecond, or null.</returns>
    public abstract TimeSpan? Sample(Random random);

    internal abstract IEnumerable<string> Problems();

    private protected static TimeSpan Round(double milliseconds) => TimeSpan.FromMilliseconds(Math.Max(1, Math.Round(milliseconds)));

    private protected static string Text(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);

    private sealed record UntilCanceledDistribution : DurationDistribution
    {
        public override TimeSpan? Sample(Random random) => null;

        public override string ToString() => "until canceled";

        internal override IEnumerable<string> Problems() => Array.Empty<string>();
    }

    private sealed record FixedDistribution(TimeSpan Value) : DurationDistribution
    {
        public override TimeSpan? Sample(Random random) => Round(Value.TotalMilliseconds);

        public override string ToString() => "fixed " + Text(Value);

        internal override IEnumerable<string> Problems()
        {
            if (Value <= TimeSpan.Zero)
            {
                yield return $"a fixed duration must be greater than zero (got {Text(Value)})";
            }
        }
    }

    private sealed record UniformDistribution(TimeSpan Min, TimeSpan Max) : DurationDistribution
    {
        public override TimeSpan? Sample(Random random) =>
            Round(Min.TotalMilliseconds + (random.NextDouble() * (Max - Min).TotalMilliseconds));

        public override string ToString() => $"uniform {Text(Min)} to {Text(Max)}";

        internal override IEnumerable<string> Problems()
        {
            if (Min <= TimeSpan.Zero || Max < Min)
            {
                yield return $"a uniform duration needs 0 < min <= max (got {Text(Min)} to {Text(Max)})";
            }
        }
    }

    private sealed record ExponentialDistribution(TimeSpan Mean) : DurationDistribution
    {
        public override TimeSpan? Sample(Random random) => Round(-Mean.TotalMilliseconds * Math.Log(1 - random.NextDouble()));

        public override string ToString() => "exponential, mean " + Text(Mean);

        internal override IEnumerable<string> Problems()
        {
            if (Mean <= TimeSpan.Zero)
            {
                yield return $"an exponential duration needs a mean greater than zero (got {Text(Mean)})";
            }
        }
    }
}
