using System.Globalization;

namespace OrchPatch.Core.Utils;

/// <summary>Counts in messages: "1 job", "2 jobs". One place for the engine and the command line, so no message says
/// "1 jobs" or "2 job".</summary>
public static class Plural
{
    /// <summary>The count and the noun, with an "s" unless the count is one.</summary>
    /// <param name="count">How many.</param>
    /// <param name="noun">The singular noun, with any words before it ("pending job").</param>
    /// <returns>"3 pending jobs".</returns>
    public static string Of(int count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? string.Empty : "s");

    /// <summary>The verb "to be" agreeing with a count or a list's length: "1 server is", "2 servers are".</summary>
    /// <param name="count">How many.</param>
    /// <returns>"is" for one, "are" otherwise.</returns>
    public static string Be(int count) => count == 1 ? "is" : "are";
}
