using System;

namespace OrchPatch.Simulator.Wire;

/// <summary>A request the simulator refuses: the status code and a message for the client. Each API writes it in its
/// own error format. Never a 500: a 500 is always a bug in the simulator.</summary>
[Serializable]
internal sealed class WireException : Exception
{
    public WireException(int statusCode, string message)
        : base(message)
    {
        StatusCode = statusCode;
    }

    public int StatusCode { get; }

    public static WireException BadRequest(string message) => new(400, message);

    public static WireException NotFound(string message) => new(404, message);

    public static WireException NotImplemented(string message) => new(501, message);

    public static WireException MethodNotAllowed(string message) => new(405, message);

    public static WireException Forbidden(string message) => new(403, message);

    public static void RequireMethod(string method, string allowed)
    {
        if (method != allowed)
        {
            throw MethodNotAllowed($"{method} is not allowed here; use {allowed}.");
        }
    }
}
