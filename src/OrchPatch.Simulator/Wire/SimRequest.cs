using System;
using System.Collections.Generic;
using System.Linq;

namespace OrchPatch.Simulator.Wire;

/// <summary>A request as both transports (Kestrel and the in-process handler) hand it to the one request core.</summary>
internal sealed class SimRequest
{
    private readonly IReadOnlyDictionary<string, string> _headers;

    /// <param name="method">The HTTP method.</param>
    /// <param name="baseAddress">scheme://host:port/ as the client addressed it (links are built on it).</param>
    /// <param name="rawTarget">The path and query exactly as sent (still percent-encoded).</param>
    /// <param name="headers">Request and content headers (names ignoring case; repeated values joined by ", ").</param>
    /// <param name="body">The body; empty when none.</param>
    public SimRequest(string method, Uri baseAddress, string rawTarget, IReadOnlyDictionary<string, string> headers, byte[] body)
    {
        Method = method.ToUpperInvariant();
        BaseAddress = baseAddress;
        _headers = new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase);
        Body = body;
        var question = rawTarget.IndexOf('?', StringComparison.Ordinal);
        RawPath = question < 0 ? rawTarget : rawTarget.Substring(0, question);
        Path = Uri.UnescapeDataString(RawPath);
        Query = QueryString.Parse(question < 0 ? string.Empty : rawTarget.Substring(question + 1));
    }

    public string Method { get; }

    public Uri BaseAddress { get; }

    /// <summary>The path, percent-decoded.</summary>
    public string Path { get; }

    public string RawPath { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Query { get; }

    public byte[] Body { get; }

    public string? ContentType => Header("Content-Type");

    public string? Header(string name) => _headers.TryGetValue(name, out var value) ? value : null;

    public string? QueryValue(string name) => Query.LastOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}

/// <summary>Query strings as IIS and Kestrel decode them: pairs split on '&amp;' and the first '=', percent-decoded,
/// '+' read as a space.</summary>
internal static class QueryString
{
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string query)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in query.Split('&'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? part : part.Substring(0, equals);
            var value = equals < 0 ? string.Empty : part.Substring(equals + 1);
            pairs.Add(new KeyValuePair<string, string>(Decode(key), Decode(value)));
        }

        return pairs;
    }

    private static string Decode(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return text;
        }
    }
}
