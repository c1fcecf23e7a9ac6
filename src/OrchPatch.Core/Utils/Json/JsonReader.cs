using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace OrchPatch.Core.Utils.Json;

/// <summary>Reads JSON text into plain values: objects as <see cref="JsonObject"/>, arrays as
/// <c>List&lt;object?&gt;</c>, strings, <see cref="bool"/>, numbers as <see cref="decimal"/> (or <see cref="double"/>
/// when out of decimal's range), and null.</summary>
/// <remarks>
/// Our own reader rather than DataContractJsonSerializer (in the box on both targets): the 2022 Web API's exact shapes
/// are unconfirmed, and a contract-bound serializer fails the whole parse on one unexpected type (a number where a
/// string was declared, an array where a comma list was). This reader keeps whatever arrives and leaves the
/// interpretation to the mapping, which can accept several shapes and ignore the rest. No dependency, so nothing new
/// loads inside PolicyModule.exe; System.Text.Json is not on net472.
/// </remarks>
internal sealed class JsonReader
{
    private const int MaxDepth = 64;
    private readonly string _text;
    private int _position;

    private JsonReader(string text) => _text = text;

    /// <summary>Parses a whole document.</summary>
    /// <exception cref="FormatException">The text is not JSON; the message gives the position.</exception>
    public static object? Parse(string text)
    {
        Guard.NotNull(text);
        var reader = new JsonReader(text);
        var value = reader.ReadValue(0);
        reader.SkipWhiteSpace();
        if (reader._position != text.Length)
        {
            throw reader.Error("unexpected text after the value");
        }

        return value;
    }

    private object? ReadValue(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Error($"nested deeper than {MaxDepth} levels");
        }

        SkipWhiteSpace();
        if (_position >= _text.Length)
        {
            throw Error("unexpected end");
        }

        switch (_text[_position])
        {
            case '{':
                return ReadObject(depth);
            case '[':
                return ReadArray(depth);
            case '"':
                return ReadString();
            case 't':
                ReadWord("true");
                return true;
            case 'f':
                ReadWord("false");
                return false;
            case 'n':
                ReadWord("null");
                return null;
            default:
                return ReadNumber();
        }
    }

    private JsonObject ReadObject(int depth)
    {
        var result = new JsonObject();
        _position++;
        SkipWhiteSpace();
        if (TryConsume('}'))
        {
            return result;
        }

        while (true)
        {
            SkipWhiteSpace();
            if (_position >= _text.Length || _text[_position] != '"')
            {
                throw Error("expected a property name");
            }

            var name = ReadString();
            SkipWhiteSpace();
            Expect(':');
            result[name] = ReadValue(depth + 1);
            SkipWhiteSpace();
            if (TryConsume('}'))
            {
                return result;
            }

            Expect(',');
        }
    }

    private List<object?> ReadArray(int depth)
    {
        var result = new List<object?>();
        _position++;
        SkipWhiteSpace();
        if (TryConsume(']'))
        {
            return result;
        }

        while (true)
        {
            result.Add(ReadValue(depth + 1));
            SkipWhiteSpace();
            if (TryConsume(']'))
            {
                return result;
            }

            Expect(',');
        }
    }

    private string ReadString()
    {
        _position++;
        var text = new StringBuilder();
        while (_position < _text.Length)
        {
            var c = _text[_position++];
            if (c == '"')
            {
                return text.ToString();
            }

            if (c != '\\')
            {
                text.Append(c);
                continue;
            }

            if (_position >= _text.Length)
            {
                break;
            }

            var escaped = _text[_position++];
            switch (escaped)
            {
                case '"': text.Append('"'); break;
                case '\\': text.Append('\\'); break;
                case '/': text.Append('/'); break;
                case 'b': text.Append('\b'); break;
                case 'f': text.Append('\f'); break;
                case 'n': text.Append('\n'); break;
                case 'r': text.Append('\r'); break;
                case 't': text.Append('\t'); break;
                case 'u':
                    if (_position + 4 > _text.Length || !ushort.TryParse(_text.Substring(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        throw Error("bad \\u escape");
                    }

                    text.Append((char)code);
                    _position += 4;
                    break;
                default:
                    throw Error($"bad escape \\{escaped}");
            }
        }

        throw Error("unterminated string");
    }

    private object ReadNumber()
    {
        var start = _position;
        while (_position < _text.Length && "+-0123456789.eE".IndexOf(_text[_position]) >= 0)
        {
            _position++;
        }

        var token = _text.Substring(start, _position - start);
        if (token.Length == 0)
        {
            throw Error($"unexpected '{_text[start]}'");
        }

        if (decimal.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var large))
        {
            return large;
        }

        _position = start;
        throw Error($"bad number '{token}'");
    }

    private void ReadWord(string word)
    {
        if (string.CompareOrdinal(_text, _position, word, 0, word.Length) != 0)
        {
            throw Error($"unexpected '{_text[_position]}'");
        }

        _position += word.Length;
    }

    private void SkipWhiteSpace()
    {
        while (_position < _text.Length && _text[_position] is ' ' or '\t' or '\r' or '\n' or '\ufeff')
        {
            _position++;
        }
    }

    private bool TryConsume(char c)
    {
        if (_position < _text.Length && _text[_position] == c)
        {
            _position++;
            return true;
        }

        return false;
    }

    private void Expect(char c)
    {
        if (!TryConsume(c))
        {
            throw Error(_position < _text.Length ? $"expected '{c}' but found '{_text[_position]}'" : $"expected '{c}' but the text ended");
        }
    }

    private FormatException Error(string what) => new($"Not valid JSON at character {_position + 1}: {what}.");
}

/// <summary>A JSON object: property names compared without case, because the 2022 API's casing is unconfirmed
/// (PascalCase like the legacy model is expected; camelCase is common in ASP.NET). A repeated name keeps the last value.</summary>
internal sealed class JsonObject : Dictionary<string, object?>
{
    public JsonObject()
        : base(StringComparer.OrdinalIgnoreCase)
    {
    }
}
