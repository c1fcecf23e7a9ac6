using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using OrchPatch.Pack.Ids;

namespace OrchPatch.Pack.Export;

/// <summary>
/// A published-data subscription as it appears in text values: <c>\`d.T.~Ed/{activity}.Name\`d.T.~Ed/</c>, where Name is
/// published data ("Other Runbook Servers", "Server.Name") or, for Initialize Data, <c>{parameter}</c>.
/// </summary>
/// <param name="Activity">The activity whose data is used.</param>
/// <param name="Data">What is used: a published-data name or a braced parameter GUID.</param>
internal sealed record Subscription(Guid Activity, string Data)
{
    private static readonly Regex Pattern = new(
        Regex.Escape(OisFormat.PublishedDataMarker) + "(?<body>.*?)" + Regex.Escape(OisFormat.PublishedDataMarker),
        RegexOptions.CultureInvariant | RegexOptions.Singleline);

    /// <summary>A subscription to published data of an activity.</summary>
    public static string To(Guid activity, string publishedData) =>
        OisFormat.PublishedDataMarker + GuidText.Format(activity) + "." + publishedData + OisFormat.PublishedDataMarker;

    /// <summary>A subscription to an Initialize Data parameter, which is made by GUID, not by name.</summary>
    public static string ToParameter(Guid initializeData, Guid parameter) => To(initializeData, GuidText.Format(parameter));

    /// <summary>Every subscription in a text; bodies that do not start with an activity GUID are returned as raw text.</summary>
    public static IEnumerable<(Subscription? Parsed, string Raw)> FindAll(string text)
    {
        foreach (Match match in Pattern.Matches(text))
        {
            var body = match.Groups["body"].Value;
            var dot = body.IndexOf('.', StringComparison.Ordinal);
            var head = dot < 0 ? body : body.Substring(0, dot);
            yield return GuidText.TryParseBraced(head, out var id) && dot > 0
                ? (new Subscription(id.Value, body.Substring(dot + 1)), body)
                : (null, body);
        }
    }
}
