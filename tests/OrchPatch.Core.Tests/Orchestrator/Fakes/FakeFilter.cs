using System;
using System.Collections.Generic;
using System.Globalization;

namespace OrchPatch.Core.Tests.Orchestrator.Fakes;

/// <summary>The fake server's <c>$filter</c>: eq, ne, gt, ge, lt, le, and, or, parentheses. Literals are read in one
/// dialect only, so a client that writes the other API's literals is refused (400), as a real server would:
/// OData v2 takes <c>guid'..'</c> and <c>datetime'..'</c>; the Web API takes bare GUIDs and ISO times.</summary>
internal sealed class FakeFilter
{
    private readonly List<string> _tokens;
    private readonly bool _legacy;
    private int _position;

    private FakeFilter(List<string> tokens, bool legacy)
    {
        _tokens = tokens;
        _legacy = legacy;
    }

    /// <summary>Parses into a predicate over property bags.</summary>
    /// <exception cref="FormatException">Not a filter this dialect reads.</exception>
    public static Func<IReadOnlyDictionary<string, object?>, bool> Parse(string text, bool legacy)
    {
        var filter = new FakeFilter(Tokenize(text), legacy);
        var predicate = filter.ParseOr();
        if (filter._position != filter._tokens.Count)
        {
            throw new FormatException($"Unexpected '{filter._tokens[filter._position]}' in $filter.");
        }

        return predicate;
    }

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == ' ')
            {
                i++;
            }
            else if (c is '(' or ')')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else
            {
                var start = i;
                while (i < text.Length && text[i] != ' ' && text[i] != '(' && text[i] != ')' && text[i] != '\'')
                {
                    i++;
                }

                if (i < text.Length && text[i] == '\'')
                {
                    i++;
                    while (true)
                    {
                        if (i >= text.Length)
                        {
                            throw new FormatException("Unterminated string literal in $filter.");
                        }

                        if (text[i] == '\'' && i + 1 < text.Length && text[i + 1] == '\'')
                        {
                            i += 2;
                            continue;
                        }

                        if (text[i] == '\'')
                        {
                            i++;
                            break;
                        }

                        i++;
                    }
                }

                tokens.Add(text.Substring(start, i - start));
            }
        }

        return tokens;
    }

    private Func<IReadOnlyDictionary<string, object?>, bool> ParseOr()
    {
        var left = ParseAnd();
        while (Peek("or"))
        {
            _position++;
            var l = left;
            var r = ParseAnd();
            left = e => l(e) || r(e);
        }

        return left;
    }

    private Func<IReadOnlyDictionary<string, object?>, bool> ParseAnd()
    {
        var left = ParsePrimary();
        while (Peek("and"))
        {
            _position++;
            var l = left;
            var r = ParsePrimary();
            left = e => l(e) && r(e);
        }

        return left;
    }

    private Func<IReadOnlyDictionary<string, object?>, bool> ParsePrimary()
    {
        if (Peek("("))
        {
            _position++;
            var inner = ParseOr();
            Expect(")");
            return inner;
        }

        var property = Next();
        var op = Next();
        var literal = Literal(Next());
        return op switch
        {
            "eq" => e => Compare(Value(e, property), literal) == 0,
            "ne" => e => Compare(Value(e, property), literal) != 0,
            "gt" => e => Compare(Value(e, property), literal) > 0,
            "ge" => e => Compare(Value(e, property), literal) >= 0,
            "lt" => e => Compare(Value(e, property), literal) < 0,
            "le" => e => Compare(Value(e, property), literal) <= 0,
            _ => throw new FormatException($"Unknown operator '{op}' in $filter."),
        };
    }

    private static object? Value(IReadOnlyDictionary<string, object?> entity, string property) =>
        entity.TryGetValue(property, out var value) ? value : throw new FormatException($"No property '{property}'.");

    private static int Compare(object? actual, object? literal) => (actual, literal) switch
    {
        (null, null) => 0,
        (null, _) or (_, null) => -2,
        (Guid a, Guid b) => a.CompareTo(b),
        (string a, string b) => string.CompareOrdinal(a, b),
        (bool a, bool b) => a.CompareTo(b),
        (DateTimeOffset a, DateTimeOffset b) => a.CompareTo(b),
        _ => throw new FormatException($"Cannot compare {actual.GetType().Name} with {literal.GetType().Name}."),
    };

    private object? Literal(string token)
    {
        if (token.StartsWith('\''))
        {
            return token.Substring(1, token.Length - 2).Replace("''", "'");
        }

        if (token is "true" or "false")
        {
            return token == "true";
        }

        if (token == "null")
        {
            return null;
        }

        if (_legacy && token.StartsWith("guid'", StringComparison.Ordinal) && Guid.TryParse(token[5..^1], out var legacyGuid))
        {
            return legacyGuid;
        }

        if (_legacy && token.StartsWith("datetime'", StringComparison.Ordinal) &&
            DateTimeOffset.TryParseExact(token[9..^1], new[] { "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF" }, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var legacyTime))
        {
            return legacyTime;
        }

        if (!_legacy && Guid.TryParseExact(token, "D", out var guid))
        {
            return guid;
        }

        if (!_legacy && token.EndsWith('Z') && DateTimeOffset.TryParse(token, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        throw new FormatException($"'{token}' is not a literal of the {(_legacy ? "OData v2" : "Web API")} $filter.");
    }

    private bool Peek(string token) => _position < _tokens.Count && _tokens[_position] == token;

    private string Next() => _position < _tokens.Count ? _tokens[_position++] : throw new FormatException("The $filter ended early.");

    private void Expect(string token)
    {
        if (Next() != token)
        {
            throw new FormatException($"Expected '{token}' in $filter.");
        }
    }
}
