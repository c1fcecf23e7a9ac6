using System;
using System.Collections.Generic;
using System.Data.SqlTypes;
using System.Linq;

namespace OrchPatch.Simulator.Wire;

/// <summary>The types a filter expression can have.</summary>
internal enum FilterType
{
    Null,
    Guid,
    String,
    DateTime,
    Boolean,
    Number,
}

/// <summary>A parsed, type-checked <c>$filter</c> (eq ne gt ge lt le, and or not, parentheses, literals, properties,
/// startswith/endswith/substringof/contains/tolower/toupper). Type errors are refused at parse time with the operand
/// types and position, as WCF Data Services does ("Operator 'eq' incompatible with operand types ...").</summary>
internal sealed class FilterParser
{
    private static readonly string[] Comparisons = { "eq", "ne", "gt", "ge", "lt", "le" };

    private readonly string _text;
    private readonly WireEntitySet _set;
    private readonly FilterDialect _dialect;
    private readonly StringComparer _strings;
    private readonly List<Token> _tokens;
    private int _next;

    private FilterParser(string text, WireEntitySet set, FilterDialect dialect, bool caseInsensitiveStrings)
    {
        _text = text;
        _set = set;
        _dialect = dialect;
        _strings = caseInsensitiveStrings ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        _tokens = FilterLexer.Tokenize(text, dialect);
    }

    /// <summary>Parses <paramref name="text"/> for entities of <paramref name="set"/>.</summary>
    /// <exception cref="WireException">400 with the position of the problem.</exception>
    public static FilterNode Parse(string text, WireEntitySet set, FilterDialect dialect, bool caseInsensitiveStrings)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw WireException.BadRequest("$filter is empty; give an expression such as Status eq 'Running'.");
        }

        var parser = new FilterParser(text, set, dialect, caseInsensitiveStrings);
        var node = parser.ParseOr();
        if (parser.Peek.Kind != TokenKind.End)
        {
            throw FilterLexer.Syntax(text, parser.Peek.Position);
        }

        if (node.Type != FilterType.Boolean)
        {
            throw WireException.BadRequest($"The $filter '{text}' is of type {node.Type}; it must be a Boolean expression.");
        }

        return node;
    }

    private Token Peek => _tokens[_next];

    private Token Take() => _tokens[_next++];

    private bool IsKeyword(string keyword) =>
        Peek.Kind == TokenKind.Identifier && string.Equals(Peek.Text, keyword, StringComparison.Ordinal);

    private FilterNode ParseOr() => ParseLogical("or", ParseAnd);

    private FilterNode ParseAnd() => ParseLogical("and", ParseComparison);

    /// <summary>operand (keyword operand)*, left to right.</summary>
    private FilterNode ParseLogical(string keyword, Func<FilterNode> operand)
    {
        var left = operand();
        while (IsKeyword(keyword))
        {
            var op = Take();
            left = Logical(op, left, operand());
        }

        return left;
    }

    private FilterNode ParseComparison()
    {
        var left = ParseUnary();
        if (Peek.Kind == TokenKind.Identifier && Comparisons.Contains(Peek.Text, StringComparer.Ordinal))
        {
            var op = Take();
            var right = ParseUnary();
            return Compare(op, left, right);
        }

        return left;
    }

    private FilterNode ParseUnary()
    {
        if (IsKeyword("not"))
        {
            var op = Take();
            var operand = ParseUnary();
            Require(operand, FilterType.Boolean, op);
            return new Node(FilterType.Boolean, e => operand.Evaluate(e) is bool b ? !b : null);
        }

        return ParsePrimary();
    }

    private FilterNode ParsePrimary()
    {
        var token = Take();
        switch (token.Kind)
        {
            case TokenKind.OpenParen:
                var inner = ParseOr();
                if (Take().Kind != TokenKind.CloseParen)
                {
                    throw FilterLexer.Syntax(_text, _tokens[_next - 1].Position);
                }

                return inner;
            case TokenKind.String:
                return Literal(FilterType.String, token.Value);
            case TokenKind.Guid:
                return Literal(FilterType.Guid, token.Value);
            case TokenKind.DateTime:
                return Literal(FilterType.DateTime, token.Value);
            case TokenKind.Number:
                return Literal(FilterType.Number, token.Value);
            case TokenKind.Identifier:
                return Identifier(token);
            default:
                throw FilterLexer.Syntax(_text, token.Position);
        }
    }

    private FilterNode Identifier(Token token)
    {
        switch (token.Text)
        {
            case "true":
                return Literal(FilterType.Boolean, true);
            case "false":
                return Literal(FilterType.Boolean, false);
            case "null":
                return Literal(FilterType.Null, null);
        }

        if (Peek.Kind == TokenKind.OpenParen)
        {
            return Function(token);
        }

        var property = _set.FindProperty(token.Text, ignoreCase: _dialect == FilterDialect.WebApi)
            ?? throw WireException.BadRequest(
                $"No property '{token.Text}' exists in type '{_set.FullTypeName}' at position {token.Position}; its properties are {string.Join(", ", _set.Properties.Select(p => p.Name))}.");
        var type = property.Type switch
        {
            EdmType.Guid => FilterType.Guid,
            EdmType.DateTime => FilterType.DateTime,
            EdmType.Boolean => FilterType.Boolean,
            EdmType.Int32 => FilterType.Number,
            _ => FilterType.String,
        };
        return new Node(type, e => Normalize(property.Get(e))) { Property = property };
    }

    private FilterNode Function(Token name)
    {
        Take();
        var arguments = new List<FilterNode>();
        if (Peek.Kind != TokenKind.CloseParen)
        {
            arguments.Add(ParseOr());
            while (Peek.Kind == TokenKind.Comma)
            {
                Take();
                arguments.Add(ParseOr());
            }
        }

        if (Take().Kind != TokenKind.CloseParen)
        {
            throw FilterLexer.Syntax(_text, _tokens[_next - 1].Position);
        }

        var fn = name.Text;
        var expected = fn is "tolower" or "toupper" ? 1 : 2;
        var known = fn is "startswith" or "endswith" or "tolower" or "toupper"
            || (fn == "substringof" && _dialect == FilterDialect.Legacy)
            || (fn == "contains" && _dialect == FilterDialect.WebApi);
        if (!known)
        {
            throw WireException.BadRequest($"Unknown function '{fn}' at position {name.Position} in '{_text}'.");
        }

        if (arguments.Count != expected)
        {
            throw WireException.BadRequest($"The function '{fn}' at position {name.Position} takes {expected} argument(s); got {arguments.Count}.");
        }

        foreach (var argument in arguments)
        {
            Require(argument, FilterType.String, name);
        }

        var comparison = ReferenceEquals(_strings, StringComparer.OrdinalIgnoreCase) ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        string? Arg(object e, int i) => arguments[i].Evaluate(e) as string;
        return fn switch
        {
            "tolower" => new Node(FilterType.String, e => Arg(e, 0)?.ToLowerInvariant()),
            "toupper" => new Node(FilterType.String, e => Arg(e, 0)?.ToUpperInvariant()),
            "startswith" => new Node(FilterType.Boolean, e => Arg(e, 0) is { } s && Arg(e, 1) is { } p && s.StartsWith(p, comparison)),
            "endswith" => new Node(FilterType.Boolean, e => Arg(e, 0) is { } s && Arg(e, 1) is { } p && s.EndsWith(p, comparison)),
            "substringof" => new Node(FilterType.Boolean, e => Arg(e, 1) is { } s && Arg(e, 0) is { } p && s.Contains(p, comparison)),
            _ => new Node(FilterType.Boolean, e => Arg(e, 0) is { } s && Arg(e, 1) is { } p && s.Contains(p, comparison)),
        };
    }

    private FilterNode Logical(Token op, FilterNode left, FilterNode right)
    {
        Require(left, FilterType.Boolean, op);
        Require(right, FilterType.Boolean, op);
        return op.Text == "and"
            ? new Node(FilterType.Boolean, e => left.Evaluate(e) is true && right.Evaluate(e) is true) { Logic = FilterLogic.And, Left = left, Right = right }
            : new Node(FilterType.Boolean, e => left.Evaluate(e) is true || right.Evaluate(e) is true) { Logic = FilterLogic.Or, Left = left, Right = right };
    }

    private FilterNode Compare(Token op, FilterNode left, FilterNode right)
    {
        var equality = op.Text is "eq" or "ne";
        var compatible = left.Type == right.Type || left.Type == FilterType.Null || right.Type == FilterType.Null;
        var orderable = equality || (left.Type is not (FilterType.Guid or FilterType.Boolean) && right.Type is not (FilterType.Guid or FilterType.Boolean));
        if (!compatible || !orderable)
        {
            throw WireException.BadRequest(
                $"Operator '{op.Text}' incompatible with operand types '{EdmName(left.Type)}' and '{EdmName(right.Type)}' at position {op.Position} in '{_text}'.");
        }

        var strings = _strings;
        Func<int?, bool> outcome = op.Text switch
        {
            "eq" => order => order == 0,
            "ne" => order => order != 0,
            "gt" => order => order > 0,
            "ge" => order => order >= 0,
            "lt" => order => order < 0,
            _ => order => order <= 0,
        };

        if (left.Property is { } property && right.IsLiteral)
        {
            // Property op literal: its value depends on the property alone, which lets the caller read fewer entities
            // (an index of the values that can hold); the node evaluates through the same test, so both agree.
            var literal = right.Literal;
            bool Holds(object? value) => outcome(Order(Normalize(value), literal, strings));
            return new Node(FilterType.Boolean, e => Holds(property.Get(e))) { Test = new PropertyTest(property, op.Text, Holds, literal) };
        }

        return new Node(FilterType.Boolean, e => outcome(Order(left.Evaluate(e), right.Evaluate(e), strings)));
    }

    /// <summary>How two operand values compare: null when exactly one is null (SQL's unknown).</summary>
    private static int? Order(object? a, object? b, StringComparer strings)
    {
        if (a is null || b is null)
        {
            return a is null && b is null ? 0 : null;
        }

        return (a, b) switch
        {
            (string x, string y) => strings.Compare(x, y),
            (Guid x, Guid y) => new SqlGuid(x).CompareTo(new SqlGuid(y)),
            (DateTimeOffset x, DateTimeOffset y) => x.CompareTo(y),
            (bool x, bool y) => x.CompareTo(y),
            (decimal x, decimal y) => x.CompareTo(y),
            _ => throw new InvalidOperationException($"Bug in OrchPatch simulator: cannot compare {a.GetType().Name} with {b.GetType().Name}."),
        };
    }

    /// <summary>A property's value as the filter sees it (Int32 as decimal, as number literals are).</summary>
    private static object? Normalize(object? value) => value is int i ? (decimal)i : value;

    private void Require(FilterNode node, FilterType type, Token at)
    {
        if (node.Type != type)
        {
            throw WireException.BadRequest($"'{at.Text}' at position {at.Position} in '{_text}' needs a {EdmName(type)} operand; got {EdmName(node.Type)}.");
        }
    }

    private static FilterNode Literal(FilterType type, object? value) => new Node(type, _ => value) { IsLiteral = true, Literal = value };

    private static string EdmName(FilterType type) => type switch
    {
        FilterType.Null => "null",
        FilterType.Number => "Edm.Int32",
        _ => "Edm." + type,
    };

    private sealed class Node : FilterNode
    {
        private readonly Func<object, object?> _evaluate;

        public Node(FilterType type, Func<object, object?> evaluate)
            : base(type) => _evaluate = evaluate;

        public override object? Evaluate(object entity) => _evaluate(entity);
    }
}

/// <summary>A typed filter expression over an entity.</summary>
internal abstract class FilterNode
{
    protected FilterNode(FilterType type) => Type = type;

    public FilterType Type { get; }

    /// <summary>For <c>and</c> and <c>or</c>: which, with <see cref="Left"/> and <see cref="Right"/>; null otherwise.</summary>
    public FilterLogic? Logic { get; init; }

    public FilterNode? Left { get; init; }

    public FilterNode? Right { get; init; }

    /// <summary>For a bare property: the property.</summary>
    public WireProperty? Property { get; init; }

    /// <summary>Whether this is a literal (its value is <see cref="Literal"/>).</summary>
    public bool IsLiteral { get; init; }

    public object? Literal { get; init; }

    /// <summary>For <c>Property op literal</c>: the test the node applies to the property's value.</summary>
    public PropertyTest? Test { get; init; }

    public abstract object? Evaluate(object entity);

    public bool Matches(object entity) => Evaluate(entity) is true;
}

/// <summary>The two logical operators.</summary>
internal enum FilterLogic
{
    And,
    Or,
}

/// <summary>A comparison of one property with a literal, as a test of the property's value alone.</summary>
/// <param name="Property">The property (on the left of the operator).</param>
/// <param name="Operator">eq, ne, gt, ge, lt or le.</param>
/// <param name="Holds">Whether the comparison holds for a value of the property (as <see cref="WireProperty.Get"/> reads it).</param>
/// <param name="Value">The literal compared with.</param>
internal sealed record PropertyTest(WireProperty Property, string Operator, Func<object?, bool> Holds, object? Value = null);
