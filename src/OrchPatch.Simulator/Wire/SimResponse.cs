using System;
using System.Collections.Generic;
using System.Text;

namespace OrchPatch.Simulator.Wire;

/// <summary>What the request core answers; each transport writes it out (or resets, or delays, as a fault says).</summary>
internal sealed class SimResponse
{
    public SimResponse(int statusCode, string? contentType = null, byte[]? body = null)
    {
        StatusCode = statusCode;
        ContentType = contentType;
        Body = body ?? Array.Empty<byte>();
    }

    public int StatusCode { get; }

    public string? ContentType { get; }

    public byte[] Body { get; }

    public List<KeyValuePair<string, string>> Headers { get; } = new();

    /// <summary>Reset the connection instead of answering.</summary>
    public bool Reset { get; init; }

    /// <summary>Answer only after this much time on the simulator's clock.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>How many entries the answer carries (a feed's page; one for a single entry), for the time it costs.</summary>
    public int Entries { get; init; }

    public static SimResponse Text(int statusCode, string text) =>
        new(statusCode, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(text));

    public SimResponse With(string header, string value)
    {
        Headers.Add(new KeyValuePair<string, string>(header, value));
        return this;
    }
}
