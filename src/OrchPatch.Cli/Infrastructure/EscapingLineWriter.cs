using System.IO;
using System.Text;

namespace OrchPatch.Cli.Infrastructure;

/// <summary>Where a command writes its text result: every line it writes is escaped whole (<see
/// cref="TerminalText.Escape"/>) and scrubbed of secrets before it reaches the terminal, so the only line breaks are
/// the command's own WriteLine calls. A line break inside a value (a runbook path, a maintenance record's owner, a
/// job parameter) is shown as <c>\n</c> and cannot start a line that looks like the CLI's (issue 17: text composed of
/// several lines was escaped keeping every line break, its farm names' included).</summary>
internal sealed class EscapingLineWriter : TextWriter
{
    private readonly TextWriter _inner;
    private readonly System.Func<string, string> _scrub;
    private readonly StringBuilder _line = new();

    /// <summary>Creates the writer.</summary>
    /// <param name="inner">The terminal (or whatever standard output is).</param>
    /// <param name="scrub">Removes secrets from a line.</param>
    public EscapingLineWriter(TextWriter inner, System.Func<string, string> scrub)
    {
        _inner = inner;
        _scrub = scrub;
    }

    /// <inheritdoc />
    public override Encoding Encoding => _inner.Encoding;

    /// <inheritdoc />
    public override void Write(char value) => _line.Append(value);

    /// <inheritdoc />
    public override void Write(string? value) => _line.Append(value);

    /// <inheritdoc />
    public override void Write(char[] buffer, int index, int count) => _line.Append(buffer, index, count);

    /// <inheritdoc />
    public override void WriteLine() => EndLine();

    /// <inheritdoc />
    public override void WriteLine(string? value)
    {
        _line.Append(value);
        EndLine();
    }

    /// <inheritdoc />
    public override void Flush()
    {
        if (_line.Length > 0)
        {
            _inner.Write(TerminalText.Escape(_scrub(_line.ToString())));
            _line.Clear();
        }

        _inner.Flush();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
        }

        base.Dispose(disposing);
    }

    private void EndLine()
    {
        _inner.WriteLine(TerminalText.Escape(_scrub(_line.ToString())));
        _line.Clear();
    }
}
