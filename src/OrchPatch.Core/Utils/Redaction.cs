using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace OrchPatch.Core.Utils;

/// <summary>Keeps secrets out of messages: passwords, authorization headers and connection-string credentials.</summary>
/// <remarks>
/// Every message that may carry text from outside (a server's error body, a tool's output, a connection string) goes
/// through <see cref="Scrub"/> before it reaches an exception, a log line or published data. Public because the command
/// line and the activities scrub what they print or publish through this same rule, not a copy of it.
/// </remarks>
public static class Redaction
{
    /// <summary>What replaces a secret.</summary>
    public const string Mask = "***";

    private static readonly Regex ConnectionStringSecrets = new(
        @"(?<key>\b(?:password|pwd|user\s*id|uid|user|access\s*token|accountkey|sharedaccesskey)\s*=\s*)(?<value>""[^""]*""|'[^']*'|[^;]*)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static readonly Regex AuthorizationHeaders = new(
        @"(?<key>\b(?:authorization|proxy-authorization)\s*:\s*)(?<value>[^\r\n]*)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    /// <summary>Removes known secrets and credential-shaped fragments from <paramref name="text"/>.</summary>
    /// <param name="text">The text, possibly null.</param>
    /// <param name="secrets">Exact secret values to mask wherever they appear (empty and null values are skipped).</param>
    /// <returns>The text with every secret replaced by <see cref="Mask"/>.</returns>
    public static string Scrub(string? text, IEnumerable<string?>? secrets = null)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        var result = text!;
        if (secrets is not null)
        {
            foreach (var secret in secrets)
            {
                if (!string.IsNullOrEmpty(secret) && secret!.Length >= 3)
                {
                    result = result.Replace(secret, Mask);
                }
            }
        }

        result = ConnectionStringSecrets.Replace(result, m => m.Groups["key"].Value + Mask);
        result = AuthorizationHeaders.Replace(result, m => m.Groups["key"].Value + Mask);
        return result;
    }

    /// <summary>A connection string reduced to what identifies its target (server and database), for messages.</summary>
    /// <param name="connectionString">The connection string.</param>
    /// <returns>For example "Data Source=SQL01; Initial Catalog=Orchestrator", never credentials.</returns>
    public static string DescribeConnectionString(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return "(no connection string)";
        }

        // Read the way the drivers read it, so a quoted value holding ';' (a password with ";Server=x") stays one value.
        var builder = new System.Data.Common.DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            return "(a connection string that cannot be read)";
        }

        var kept = new List<string>();
        foreach (string key in builder.Keys)
        {
            // The builder gives keys lower-cased: show each under the name SQL Server's documentation uses.
            var shown = key.ToLowerInvariant() switch
            {
                "data source" or "server" or "address" or "addr" or "network address" => "Data Source",
                "initial catalog" or "database" => "Initial Catalog",
                _ => null,
            };
            if (shown is not null)
            {
                kept.Add(shown + "=" + Convert.ToString(builder[key], System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return kept.Count == 0 ? "(connection string without a server name)" : string.Join("; ", kept);
    }
}
