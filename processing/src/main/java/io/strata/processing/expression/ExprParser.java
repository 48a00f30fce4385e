package io.strata.processing.expression;

import io.strata.api.error.InvalidInputException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recursive-descent parser for Druid's native expression language (scalar subset). Grammar, loosest first:
 *
 * <pre>
 *   expr    := and ('||' and)*
 *   and     := cmp ('&amp;&amp;' cmp)*
 *   cmp     := add (('&lt;' | '&lt;=' | '&gt;' | '&gt;=' | '==' | '!=') add)*
 *   add     := mul (('+' | '-') mul)*
 *   mul     := pow (('*' | '/' | '%') pow)*
 *   pow     := unary ('^' pow)?                      right-associative
 *   unary   := ('-' | '!') unary | primary
 *   primary := LONG | DOUBLE | 'string' | null | NaN | Infinity
 *            | identifier | "quoted identifier" | name '(' [expr (',' expr)*] ')' | '(' expr ')'
 * </pre>
 *
 * A number with a '.' or an exponent is a double, otherwise a long. Strings and quoted identifiers take Java
 * escapes. Sub-expressions whose inputs are all constants are folded. Errors are {@link InvalidInputException}s
 * on field {@code expression} naming the expression and the 0-based character position.
 *
 * <p>Both parsing and evaluation recurse, so the shape of an expression is bounded, whatever its length: at most
 * {@value #MAX_NESTING} parentheses, calls and unary or {@code ^} operators inside one another, and a tree at most
 * {@value #MAX_DEPTH} nodes deep (a chain {@code a + b + c ...} is one node deeper per operator). Deeper
 * expressions are refused with an error, never a stack overflow.
 */
final class ExprParser {
  /** Parentheses, calls, unary and {@code ^} operators inside one another. */
  static final int MAX_NESTING = 200;
  /** Nodes from the root of the parsed tree to its deepest leaf. */
  static final int MAX_DEPTH = 1000;

  private final String text;
  private int pos;
  private final Set<String> identifiers = new LinkedHashSet<>();
  /** How many nested constructs the parser is inside now. */
  private int nesting;
  /** The tree depth of the expression the last parse method returned. */
  private int depth;

  private ExprParser(String text) {
    this.text = text;
  }

  static Expression parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException("expression", "Invalid expression [" + text + "]: the expression is empty");
    }
    ExprParser p = new ExprParser(text);
    Expr root = p.parseOr();
    p.skipBlanks();
    if (p.pos < text.length()) {
      throw p.error("unexpected '" + text.charAt(p.pos) + "'", p.pos);
    }
    return new Expression(text, root, p.identifiers);
  }

  private InvalidInputException error(String problem, int at) {
    String shown = text.length() <= 200 ? text : text.substring(0, 200) + "... (" + text.length() + " characters)";
    return new InvalidInputException("expression", "Invalid expression [" + shown + "]: " + problem
        + " at position " + at);
  }

  // ------------------------------------------------------------------ grammar

  private Expr parseOr() {
    Expr left = parseAnd();
    int leftDepth = depth;
    while (accept("||")) {
      Expr right = parseAnd();
      leftDepth = joined(leftDepth, depth);
      left = fold(Operators.or(left, right), left, right);
    }
    depth = leftDepth;
    return left;
  }

  private Expr parseAnd() {
    Expr left = parseComparison();
    int leftDepth = depth;
    while (accept("&&")) {
      Expr right = parseComparison();
      leftDepth = joined(leftDepth, depth);
      left = fold(Operators.and(left, right), left, right);
    }
    depth = leftDepth;
    return left;
  }

  private Expr parseComparison() {
    Expr left = parseAdditive();
    int leftDepth = depth;
    while (true) {
      Operators.Op op;
      if (accept("<=")) {
        op = Operators.Op.LE;
      } else if (accept(">=")) {
        op = Operators.Op.GE;
      } else if (accept("==")) {
        op = Operators.Op.EQ;
      } else if (accept("!=")) {
        op = Operators.Op.NE;
      } else if (accept("<")) {
        op = Operators.Op.LT;
      } else if (accept(">")) {
        op = Operators.Op.GT;
      } else {
        depth = leftDepth;
        return left;
      }
      Expr right = parseAdditive();
      leftDepth = joined(leftDepth, depth);
      left = fold(Operators.binary(op, left, right), left, right);
    }
  }

  private Expr parseAdditive() {
    Expr left = parseMultiplicative();
    int leftDepth = depth;
    while (true) {
      Operators.Op op;
      if (accept("+")) {
        op = Operators.Op.PLUS;
      } else if (peekIs('-')) {
        pos++;
        op = Operators.Op.MINUS;
      } else {
        depth = leftDepth;
        return left;
      }
      Expr right = parseMultiplicative();
      leftDepth = joined(leftDepth, depth);
      left = fold(Operators.binary(op, left, right), left, right);
    }
  }

  private Expr parseMultiplicative() {
    Expr left = parsePower();
    int leftDepth = depth;
    while (true) {
      Operators.Op op;
      if (accept("*")) {
        op = Operators.Op.MUL;
      } else if (accept("/")) {
        op = Operators.Op.DIV;
      } else if (accept("%")) {
        op = Operators.Op.MOD;
      } else {
        depth = leftDepth;
        return left;
      }
      Expr right = parsePower();
      leftDepth = joined(leftDepth, depth);
      left = fold(Operators.binary(op, left, right), left, right);
    }
  }

  private Expr parsePower() {
    Expr left = parseUnary();
    int leftDepth = depth;
    if (accept("^")) {
      enter();
      Expr right = parsePower();
      leave();
      depth = joined(leftDepth, depth);
      return fold(Operators.binary(Operators.Op.POW, left, right), left, right);
    }
    return left;
  }

  private Expr parseUnary() {
    skipBlanks();
    if (peekIs('-')) {
      pos++;
      skipBlanks();
      if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
        return parseNumber(true);
      }
      enter();
      Expr e = parseUnary();
      leave();
      depth = joined(depth, 0);
      return fold(Operators.negate(e), e, e);
    }
    if (peekIs('!') && !text.startsWith("!=", pos)) {
      pos++;
      enter();
      Expr e = parseUnary();
      leave();
      depth = joined(depth, 0);
      return fold(Operators.not(e), e, e);
    }
    return parsePrimary();
  }

  private Expr parsePrimary() {
    skipBlanks();
    if (pos >= text.length()) {
      throw error("unexpected end of expression", pos);
    }
    char c = text.charAt(pos);
    if (Character.isDigit(c) || (c == '.' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1)))) {
      return parseNumber(false);
    }
    depth = 1;
    if (c == '\'') {
      return new Expr.Literal(parseQuoted('\''));
    }
    if (c == '"') {
      String name = parseQuoted('"');
      identifiers.add(name);
      return new Expr.Identifier(name);
    }
    if (c == '(') {
      int open = pos;
      pos++;
      enter();
      Expr e = parseOr();
      leave();
      if (!accept(")")) {
        throw error("missing ')' for '(' at position " + open, pos);
      }
      return e;
    }
    if (c == '[') {
      throw error("array literals are not supported", pos);
    }
    if (isIdentifierStart(c)) {
      int start = pos;
      while (pos < text.length() && isIdentifierPart(text.charAt(pos))) {
        pos++;
      }
      String name = text.substring(start, pos);
      skipBlanks();
      if (peekIs('(')) {
        return parseCall(name, start);
      }
      switch (name) {
        case "null":
          return new Expr.Literal(null);
        case "NaN":
          return new Expr.Literal(Double.NaN);
        case "Infinity":
          return new Expr.Literal(Double.POSITIVE_INFINITY);
        default:
          identifiers.add(name);
          return new Expr.Identifier(name);
      }
    }
    throw error("unexpected '" + c + "'", pos);
  }

  private Expr parseCall(String name, int at) {
    pos++; // '('
    List<Expr> args = new ArrayList<>();
    int argDepth = 0;
    skipBlanks();
    if (!accept(")")) {
      enter();
      do {
        args.add(parseOr());
        argDepth = Math.max(argDepth, depth);
      } while (accept(","));
      leave();
      if (!accept(")")) {
        throw error(pos < text.length() ? "expected ',' or ')' in call of " + name + "(...)"
            : "missing ')' to close " + name + "(", pos);
      }
    }
    depth = joined(argDepth, 0);
    Expr call;
    try {
      call = Functions.make(name.toLowerCase(Locale.ROOT), args);
    } catch (IllegalArgumentException e) {
      throw error(e.getMessage(), at);
    }
    for (Expr a : args) {
      if (!(a instanceof Expr.Literal)) {
        return call;
      }
    }
    return foldNow(call);
  }

  private Expr parseNumber(boolean negative) {
    depth = 1;
    int start = pos;
    boolean isDouble = false;
    while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
      pos++;
    }
    if (pos < text.length() && text.charAt(pos) == '.') {
      isDouble = true;
      pos++;
      while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
        pos++;
      }
    }
    if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      int save = pos;
      pos++;
      if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
        pos++;
      }
      if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
        isDouble = true;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
          pos++;
        }
      } else {
        pos = save;
      }
    }
    String digits = (negative ? "-" : "") + text.substring(start, pos);
    if (pos < text.length() && isIdentifierStart(text.charAt(pos))) {
      throw error("unexpected '" + text.charAt(pos) + "' after number " + digits, pos);
    }
    if (isDouble) {
      return new Expr.Literal(Double.parseDouble(digits));
    }
    try {
      return new Expr.Literal(Long.parseLong(digits));
    } catch (NumberFormatException e) {
      throw error("number " + digits + " is out of the long range (add '.0' for a double)", start);
    }
  }

  private String parseQuoted(char quote) {
    int start = pos;
    pos++;
    StringBuilder sb = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == quote) {
        return sb.toString();
      }
      if (c == '\\') {
        if (pos >= text.length()) {
          break;
        }
        char e = text.charAt(pos++);
        switch (e) {
          case 'n' -> sb.append('\n');
          case 't' -> sb.append('\t');
          case 'r' -> sb.append('\r');
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case '0' -> sb.append('\0');
          case 'u' -> {
            if (pos + 4 > text.length()) {
              throw error("bad unicode escape", pos - 2);
            }
            try {
              sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
            } catch (NumberFormatException ex) {
              throw error("bad unicode escape", pos - 2);
            }
            pos += 4;
          }
          default -> sb.append(e);
        }
      } else {
        sb.append(c);
      }
    }
    throw error("unterminated " + (quote == '\'' ? "string" : "quoted identifier") + " starting", start);
  }

  // ------------------------------------------------------------------ helpers

  /** Steps into a nested construct; refuses more than {@link #MAX_NESTING} of them. */
  private void enter() {
    if (++nesting > MAX_NESTING) {
      throw error("the expression nests parentheses, calls or operators more than " + MAX_NESTING
          + " levels deep", pos);
    }
  }

  private void leave() {
    nesting--;
  }

  /** The depth of a node over children of the given depths; refuses trees deeper than {@link #MAX_DEPTH}. */
  private int joined(int leftDepth, int rightDepth) {
    int d = Math.max(leftDepth, rightDepth) + 1;
    if (d > MAX_DEPTH) {
      throw error("the expression is more than " + MAX_DEPTH + " operators deep; split it up", pos);
    }
    return d;
  }

  private Expr fold(Expr node, Expr left, Expr right) {
    if (left instanceof Expr.Literal && right instanceof Expr.Literal) {
      return foldNow(node);
    }
    return node;
  }

  private static Expr foldNow(Expr node) {
    try {
      return new Expr.Literal(node.eval(Operators.NO_BINDING));
    } catch (RuntimeException e) {
      return node; // let it fail (or not) per row, as unfolded
    }
  }

  private void skipBlanks() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private boolean peekIs(char c) {
    skipBlanks();
    return pos < text.length() && text.charAt(pos) == c;
  }

  private boolean accept(String token) {
    skipBlanks();
    if (text.startsWith(token, pos)) {
      pos += token.length();
      return true;
    }
    return false;
  }

  private static boolean isIdentifierStart(char c) {
    return Character.isLetter(c) || c == '_' || c == '$';
  }

  private static boolean isIdentifierPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }
}
