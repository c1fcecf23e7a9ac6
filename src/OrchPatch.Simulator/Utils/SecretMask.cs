using System.Text.RegularExpressions;

namespace OrchPatch.Simulator.Utils;

/// <summary>Masks credential-shaped fragments (password=..., Authorization: ...) in a message the simulator writes from
/// an unexpected exception, so a request's secret never reaches a response body or the request log.</summary>
internal static class SecretMask
{
    private static readonly Regex Secrets = new(
        @"(?<key>\b(?:password|pwd|authorization|proxy-authorization)\s*[=:]\s*)[^;\r\n]*",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    /// <summary>The text with each secret value replaced by ***.</summary>
    public static string Apply(string? text) => string.IsNullOrEmpty(text) ? string.Empty : Secrets.Replace(text, m => m.Groups["key"].Value + "***");
}
