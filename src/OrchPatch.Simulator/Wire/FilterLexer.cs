using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace OrchPatch.Simulator.Wire;

/// <summary>Which OData dialect a <c>$filter</c> is written in.</summary>
internal enum FilterDialect
{
    /// <summary>OData v2 (Orchestrator.svc): <c>guid'..'</c>, <c>datetime'..'</c>; property names case-sensitive.</summary>
    Legacy,

    /// <summary>OData v4 (the 2022 API): bare GUIDs and dates; property names ignoring case.</summary>
    WebApi,
}

internal enum TokenKind
{
    Identifier,
    String,
    Guid,
    DateTime,
    Number,
    OpenParen,
    CloseParen,
    Comma,
    End,
}

internal readonly record struct Token(TokenKind Kind, string Text, object? Value, int Position);

/// <summary>Splits a <c>$filter</c> into tokens; malformed literals are refused with their position.</summary>
internal static class FilterLexer
{
    private static readonly Regex BareGuid = new(@"\G[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![0-9A-Za-z_])", RegexOptions.CultureInvariant);
    private static readonly Regex BareDateTime = new(@"\G\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2})", RegexOptions.CultureInvariant);
    private static readonly Regex Number = new(@"\G-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?[LlMmDdFf]?(?![0-9A-Za-z_])", RegexOptions.CultureInvariant);

    public static List<Token> Tokenize(string text, FilterDialect dialect)
    {
        RefuseControlCharacters(text);
        var tokens = new List<Token>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                tokens.Add(new Token(TokenKind.End, string.Empty, null, i));
                return tokens;
            }

            var c = text[i];
            var start = i;
            if (c is '(' or ')' or ',')
            {
                tokens.Add(new Token(c == '(' ? TokenKind.OpenParen : c == ')' ? TokenKind.CloseParen : TokenKind.Comma, c.ToString(), null, i++));
                continue;
            }

            if (c == '\'')
            {
                var value = ReadQuoted(text, ref i);
                tokens.Add(new Token(TokenKind.String, text.Substring(start, i - start), value, start));
                continue;
            }

            if (dialect == FilterDialect.WebApi && BareGuid.Match(text, i) is { Success: true } guid)
            {
                i += guid.Length;
                tokens.Add(new Token(TokenKind.Guid, guid.Value, System.Guid.Parse(guid.Value), start));
                continue;
            }

            if (dialect == FilterDialect.WebApi && BareDateTime.Match(text, i) is { Success: true } date)
            {
                i += date.Length;
                tokens.Add(new Token(TokenKind.DateTime, date.Value, ParseDate(date.Value, start, text), start));
                continue;
            }

            if (char.IsDigit(c) || (c == '-' && i + 1 < text.Length && char.IsDigit(text[i + 1])))
            {
                var number = Number.Match(text, i);
                if (!number.Success)
                {
                    throw Syntax(text, i);
                }

                i += number.Length;
                tokens.Add(new Token(TokenKind.Number, number.Value, ParseNumber(number.Value, start, text), start));
                continue;
            }

            if (char.IsLetter(c) || c == '_' || c == '$')
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_' || text[i] == '$'))
                {
                    i++;
                }

                var word = text.Substring(start, i - start);
                if (i < text.Length && text[i] == '\'')
                {
                    tokens.Add(TypedLiteral(word, text, ref i, start, dialect));
                    continue;
                }

                tokens.Add(new Token(TokenKind.Identifier, word, null, start));
                continue;
            }

            throw Syntax(text, i);
        }
    }

    /// <summary>A control character (other than tab, CR and LF, which separate tokens) has no place in a filter: it is
    /// refused with its code point and position, and the filter is not echoed (an XML error body cannot carry it).</summary>
    private static void RefuseControlCharacters(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsControl(text[i]) && text[i] is not ('\t' or '\r' or '\n'))
            {
                throw WireException.BadRequest($"The $filter has a control character (U+{(int)text[i]:X4}) at position {i}; a filter may hold printable characters only.");
            }
        }
    }

    public static WireException Syntax(string text, int position) =>
        WireException.BadRequest($"Syntax error at position {position} in '{text}'.");

    private static Token TypedLiteral(string prefix, string text, ref int i, int start, FilterDialect dialect)
    {
        var content = ReadQuoted(text, ref i);
        var literal = text.Substring(start, i - start);
        if (dialect == FilterDialect.WebApi)
        {
            throw WireException.BadRequest(
                $"The literal {literal} at position {start} is OData v2 syntax; the Web API takes bare GUIDs and dates (RunbookId eq 0e3d0830-..., CreationTime ge 2024-01-01T00:00:00Z).");
        }

        switch (prefix.ToLowerInvariant())
        {
            case "guid":
                if (System.Guid.TryParseExact(content, "D", out var guid))
                {
                    return new Token(TokenKind.Guid, literal, guid, start);
                }

                break;
            case "datetime":
            case "datetimeoffset":
                return new Token(TokenKind.DateTime, literal, ParseDate(content, start, text), start);
        }

        throw WireException.BadRequest($"Unrecognized literal {literal} at position {start} in '{text}'.");
    }

    private static string ReadQuoted(string text, ref int i)
    {
        var start = i;
        var value = new StringBuilder();
        i++;
        while (true)
        {
            if (i >= text.Length)
            {
                throw WireException.BadRequest($"Unterminated string literal at position {start} in '{text}'.");
            }

            if (text[i] == '\'')
            {
                if (i + 1 < text.Length && text[i + 1] == '\'')
                {
                    value.Append('\'');
                    i += 2;
                    continue;
                }

                i++;
                return value.ToString();
            }

            value.Append(text[i++]);
        }
    }

    private static DateTimeOffset ParseDate(string content, int position, string text)
    {
        var styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        if (content.Length >= 16 && content[10] == 'T' && DateTimeOffset.TryParse(content, CultureInfo.InvariantCulture, styles, out var value))
        {
            return value;
        }

        throw WireException.BadRequest($"Unrecognized date '{content}' at position {position} in '{text}'; write it as 2024-01-01T00:00:00.");
    }

    private static object ParseNumber(string literal, int position, string text)
    {
        var digits = literal.TrimEnd('L', 'l', 'M', 'm', 'D', 'd', 'F', 'f');
        if (decimal.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        throw WireException.BadRequest($"The number {literal} at position {position} in '{text}' is out of range.");
    }
}
