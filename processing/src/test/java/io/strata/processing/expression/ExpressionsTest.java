package io.strata.processing.expression;

import io.strata.api.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExpressionsTest {
  private static final long T = 1_700_000_123_456L; // 2023-11-14T22:15:23.456Z

  private static Object eval(String expr) {
    return eval(expr, Map.of());
  }

  private static Object eval(String expr, Map<String, Object> fields) {
    Map<String, Object> row = new HashMap<>(fields);
    row.putIfAbsent("__time", T);
    return Expressions.parse(expr).eval(row::get);
  }

  private static Map<String, Object> row(Object... kv) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void literals() {
    assertThat(eval("42")).isEqualTo(42L);
    assertThat(eval("1.5")).isEqualTo(1.5);
    assertThat(eval("1e3")).isEqualTo(1000.0);
    assertThat(eval("2.")).isEqualTo(2.0);
    assertThat(eval("'hello'")).isEqualTo("hello");
    assertThat(eval("'it\\'s'")).isEqualTo("it's");
    assertThat(eval("'\\u00e9'")).isEqualTo("\u00e9");
    assertThat(eval("null")).isNull();
    assertThat(eval("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
    assertThat((Double) eval("NaN")).isNaN();
    assertThat(eval("-Infinity")).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void identifiers() {
    Map<String, Object> r = row("x", 3, "f", 1.5f, "s", "abc", "b", true, "my field", 7L, "multi", List.of("a", "b"),
        "one", List.of("z"));
    assertThat(eval("x", r)).isEqualTo(3L);
    assertThat(eval("f", r)).isEqualTo(1.5);
    assertThat(eval("s", r)).isEqualTo("abc");
    assertThat(eval("b", r)).isEqualTo(1L);
    assertThat(eval("\"my field\" + 1", r)).isEqualTo(8L);
    assertThat(eval("missing", r)).isNull();
    assertThat(eval("__time", r)).isEqualTo(T);
    assertThat(eval("multi", r)).isEqualTo(List.of("a", "b"));
    assertThat(eval("one", r)).isEqualTo("z");
    assertThat(eval("$x_1", row("$x_1", 2L))).isEqualTo(2L);
    assertThat(Expressions.parse("concat(a, \"b c\", a)").requiredBindings()).containsExactlyInAnyOrder("a", "b c");
    assertThat(Expressions.parse("x").identifierName()).isEqualTo("x");
    assertThat(Expressions.parse("1 + 2").isConstant()).isTrue();
  }

  @Test
  void arithmeticAndPrecedence() {
    assertThat(eval("1 + 2 * 3")).isEqualTo(7L);
    assertThat(eval("(1 + 2) * 3")).isEqualTo(9L);
    assertThat(eval("10 - 2 - 3")).isEqualTo(5L);
    assertThat(eval("2 ^ 3 ^ 2")).isEqualTo(512L);
    assertThat(eval("-2 ^ 2")).isEqualTo(4L);
    assertThat(eval("2 ^ -1")).isEqualTo(0.5);
    assertThat(eval("7 / 2")).isEqualTo(3L);
    assertThat(eval("7.0 / 2")).isEqualTo(3.5);
    assertThat(eval("7 % 3")).isEqualTo(1L);
    assertThat(eval("-7 % 3")).isEqualTo(-1L);
    assertThat(eval("1 / 0")).isNull();
    assertThat(eval("1 % 0")).isNull();
    assertThat(eval("1.0 / 0")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(eval("x - -1", row("x", 1L))).isEqualTo(2L);
    assertThat(eval("-x", row("x", 1.5))).isEqualTo(-1.5);
    assertThat(eval("x * 2", row("x", null))).isNull();
  }

  @Test
  void strings() {
    assertThat(eval("'a' + 'b'")).isEqualTo("ab");
    assertThat(eval("'1' + 1")).isEqualTo(2.0);
    assertThat(eval("s + 1", row("s", "abc"))).isNull();
    assertThat(eval("'10' - '4'")).isEqualTo(6L);
  }

  @Test
  void comparisons() {
    assertThat(eval("1 < 2")).isEqualTo(1L);
    assertThat(eval("2 <= 1")).isEqualTo(0L);
    assertThat(eval("2 == 2.0")).isEqualTo(1L);
    assertThat(eval("'a' < 'b'")).isEqualTo(1L);
    assertThat(eval("'10' < '9'")).isEqualTo(1L);
    assertThat(eval("'10' > 9")).isEqualTo(1L);
    assertThat(eval("x != 'a'", row("x", "b"))).isEqualTo(1L);
    assertThat(eval("x == 1")).isNull();
    assertThat(eval("1 + 1 == 2 && 3 > 2")).isEqualTo(1L);
  }

  @Test
  void logicUsesThreeValues() {
    assertThat(eval("1 && 0")).isEqualTo(0L);
    assertThat(eval("100 && 11")).isEqualTo(1L);
    assertThat(eval("0.7 || 0.3")).isEqualTo(1L);
    assertThat(eval("-1 || 0")).isEqualTo(0L);
    assertThat(eval("'troo' && 'true'")).isEqualTo(0L);
    assertThat(eval("'troo' || 'TRUE'")).isEqualTo(1L);
    assertThat(eval("null || 1")).isEqualTo(1L);
    assertThat(eval("null || 0")).isNull();
    assertThat(eval("null && 0")).isEqualTo(0L);
    assertThat(eval("null && 1")).isNull();
    assertThat(eval("!0")).isEqualTo(1L);
    assertThat(eval("!5")).isEqualTo(0L);
    assertThat(eval("!x")).isNull();
    assertThat(eval("!(1 == 2)")).isEqualTo(1L);
  }

  @Test
  void generalFunctions() {
    assertThat(eval("if(x > 1, 'big', 'small')", row("x", 2L))).isEqualTo("big");
    assertThat(eval("if(x > 1, 'big', 'small')")).isEqualTo("small");
    assertThat(eval("nvl(x, 'd')")).isEqualTo("d");
    assertThat(eval("nvl(x, 'd')", row("x", ""))).isEqualTo("");
    assertThat(eval("coalesce(x, y, 3)", row("y", 2L))).isEqualTo(2L);
    assertThat(eval("isnull(x)")).isEqualTo(1L);
    assertThat(eval("notnull(x)", row("x", ""))).isEqualTo(1L);
    assertThat(eval("case_searched(x == 1, 'one', x == 2, 'two', 'many')", row("x", 2L))).isEqualTo("two");
    assertThat(eval("case_searched(x == 1, 'one', x == 2, 'two', 'many')", row("x", 5L))).isEqualTo("many");
    assertThat(eval("case_searched(x == 1, 'one')", row("x", 5L))).isNull();
    assertThat(eval("case_simple(x, 1, 'one', 2, 'two', 'many')", row("x", 1L))).isEqualTo("one");
    assertThat(eval("case_simple(x, 'a', 'A', 'b', 'B')", row("x", "b"))).isEqualTo("B");
    assertThat(eval("case_simple(x, 'a', 'A', 'b', 'B')", row("x", "c"))).isNull();
    assertThat(eval("cast(x, 'LONG')", row("x", "12"))).isEqualTo(12L);
    assertThat(eval("cast(x, 'LONG')", row("x", "1.7"))).isEqualTo(1L);
    assertThat(eval("cast(x, 'long')", row("x", "abc"))).isNull();
    assertThat(eval("cast(x, 'DOUBLE')", row("x", 3L))).isEqualTo(3.0);
    assertThat(eval("cast(x, 'STRING')", row("x", 3L))).isEqualTo("3");
    assertThat(eval("cast(x, 'STRING')", row("x", 2.5))).isEqualTo("2.5");
    assertThat(eval("like(x, 'a%c')", row("x", "abbc"))).isEqualTo(1L);
    assertThat(eval("like(x, 'a_c')", row("x", "abbc"))).isEqualTo(0L);
    assertThat(eval("like(x, 'a.c')", row("x", "abc"))).isEqualTo(0L);
    assertThat(eval("like(x, '50\\\\%%', '\\\\')", row("x", "50% off"))).isEqualTo(1L);
    assertThat(eval("like(x, '50\\\\%%', '\\\\')", row("x", "500 off"))).isEqualTo(0L);
    assertThat(eval("like(x, 'a%')")).isNull();
  }

  @Test
  void stringFunctions() {
    Map<String, Object> r = row("s", "Hello World", "n", null);
    assertThat(eval("concat('#', s, '!')", r)).isEqualTo("#Hello World!");
    assertThat(eval("concat(s, n)", r)).isNull();
    assertThat(eval("concat('v', 1, 2.5)", r)).isEqualTo("v12.5");
    assertThat(eval("lower(s)", r)).isEqualTo("hello world");
    assertThat(eval("upper(s)", r)).isEqualTo("HELLO WORLD");
    assertThat(eval("strlen(s)", r)).isEqualTo(11L);
    assertThat(eval("strlen(n)", r)).isNull();
    assertThat(eval("substring(s, 6, 5)", r)).isEqualTo("World");
    assertThat(eval("substring(s, 6, 100)", r)).isEqualTo("World");
    assertThat(eval("substring(s, 6, -1)", r)).isEqualTo("World");
    assertThat(eval("substring(s, 20, 2)", r)).isNull();
    assertThat(eval("replace(s, 'o', '0')", r)).isEqualTo("Hell0 W0rld");
    assertThat(eval("trim('  a b  ')")).isEqualTo("a b");
    assertThat(eval("ltrim('  a  ')")).isEqualTo("a  ");
    assertThat(eval("rtrim('  a  ')")).isEqualTo("  a");
    assertThat(eval("trim('xxaxx', 'x')")).isEqualTo("a");
    assertThat(eval("regexp_extract(s, '(\\\\w+) (\\\\w+)', 2)", r)).isEqualTo("World");
    assertThat(eval("regexp_extract(s, 'o\\\\s?W')", r)).isEqualTo("o W");
    assertThat(eval("regexp_extract(s, 'xyz')", r)).isNull();
    assertThat(eval("regexp_like(s, '^Hel')", r)).isEqualTo(1L);
    assertThat(eval("regexp_replace(s, '[aeiou]', '')", r)).isEqualTo("Hll Wrld");
    assertThat(eval("left(s, 5)", r)).isEqualTo("Hello");
    assertThat(eval("right(s, 5)", r)).isEqualTo("World");
    assertThat(eval("strpos(s, 'World')", r)).isEqualTo(6L);
    assertThat(eval("contains_string(s, 'World')", r)).isEqualTo(1L);
    assertThat(eval("icontains_string(s, 'world')", r)).isEqualTo(1L);
    assertThat(eval("reverse('abc')")).isEqualTo("cba");
    assertThat(eval("repeat('ab', 3)")).isEqualTo("ababab");
    assertThat(eval("lpad('7', 3, '0')")).isEqualTo("007");
    assertThat(eval("rpad('abcd', 2, '0')")).isEqualTo("ab");
    assertThat(eval("parse_long('ff', 16)")).isEqualTo(255L);
    assertThat(eval("parse_long('x')")).isNull();
  }

  @Test
  void mathFunctions() {
    assertThat(eval("abs(-3)")).isEqualTo(3L);
    assertThat(eval("abs(-3.5)")).isEqualTo(3.5);
    assertThat(eval("floor(2.7)")).isEqualTo(2.0);
    assertThat(eval("floor(-2.5)")).isEqualTo(-3.0);
    assertThat(eval("ceil(2.1)")).isEqualTo(3.0);
    assertThat(eval("ceil(2)")).isEqualTo(2.0);
    assertThat(eval("round(2.5)")).isEqualTo(3.0);
    assertThat(eval("round(-2.5)")).isEqualTo(-3.0);
    assertThat(eval("round(3.14159, 2)")).isEqualTo(3.14);
    assertThat(eval("round(1234, -2)")).isEqualTo(1200L);
    assertThat(eval("round(17)")).isEqualTo(17L);
    assertThat(eval("round(x)", row("x", Double.NaN))).isEqualTo(0.0);
    assertThat(eval("div(7, 2)")).isEqualTo(3L);
    assertThat(eval("div(7.9, 2)")).isEqualTo(3L);
    assertThat(eval("div(7, 0)")).isNull();
    assertThat(eval("pow(2, 10)")).isEqualTo(1024.0);
    assertThat(eval("greatest(1, 5, 3)")).isEqualTo(5L);
    assertThat(eval("greatest(1, 5.5, 3)")).isEqualTo(5.5);
    assertThat(eval("greatest(1, 'b', 3)")).isEqualTo("b");
    assertThat(eval("greatest(x, 2)")).isEqualTo(2L);
    assertThat(eval("greatest(x, y)")).isNull();
    assertThat(eval("least(4, 2.5, 3)")).isEqualTo(2.5);
    assertThat(eval("least('b', 'a')")).isEqualTo("a");
    assertThat(eval("greatest()")).isNull();
    assertThat(eval("max(1, 2)")).isEqualTo(2L);
    assertThat(eval("sqrt(16)")).isEqualTo(4.0);
    assertThat(eval("safe_divide(1, 0)")).isNull();
    assertThat(eval("safe_divide(6, 3)")).isEqualTo(2L);
  }

  @Test
  void timeFunctions() {
    assertThat(eval("timestamp_floor(__time, 'PT1H')")).isEqualTo(1_699_999_200_000L);
    assertThat(eval("timestamp_floor(__time, 'P1D')")).isEqualTo(1_699_920_000_000L);
    assertThat(eval("timestamp_floor(__time, 'P1D', null, 'America/Los_Angeles')"))
        .isEqualTo(1_699_948_800_000L); // 2023-11-14T00:00-08:00
    assertThat(eval("timestamp_ceil(__time, 'PT1H')")).isEqualTo(1_700_002_800_000L);
    assertThat(eval("timestamp_ceil(3600000, 'PT1H')")).isEqualTo(3_600_000L);
    assertThat(eval("timestamp_floor(t, p)", row("t", T, "p", "PT1M"))).isEqualTo(1_700_000_100_000L);
    assertThat(eval("timestamp_floor(x, 'PT1H')")).isNull();
    assertThat(eval("timestamp_shift(__time, 'P1D', -1)")).isEqualTo(T - 86_400_000L);
    assertThat(eval("timestamp_extract(__time, 'HOUR')")).isEqualTo(22L);
    assertThat(eval("timestamp_extract(__time, 'hour', 'Asia/Kolkata')")).isEqualTo(3L);
    assertThat(eval("timestamp_extract(__time, 'YEAR')")).isEqualTo(2023L);
    assertThat(eval("timestamp_extract(__time, 'MONTH')")).isEqualTo(11L);
    assertThat(eval("timestamp_extract(__time, 'DAY')")).isEqualTo(14L);
    assertThat(eval("timestamp_extract(__time, 'DOW')")).isEqualTo(2L); // Tuesday
    assertThat(eval("timestamp_extract(__time, 'DOY')")).isEqualTo(318L);
    assertThat(eval("timestamp_extract(__time, 'WEEK')")).isEqualTo(46L);
    assertThat(eval("timestamp_extract(__time, 'QUARTER')")).isEqualTo(4L);
    assertThat(eval("timestamp_extract(__time, 'EPOCH')")).isEqualTo(1_700_000_123L);
    assertThat(eval("timestamp_extract(__time, 'MILLISECOND')")).isEqualTo(456L);
    assertThat(eval("timestamp_parse('2023-11-14T22:15:23.456Z')")).isEqualTo(T);
    assertThat(eval("timestamp_parse('2023-11-14 22:15:23.456')")).isEqualTo(T);
    assertThat(eval("timestamp_parse('2023-11-14')")).isEqualTo(1_699_920_000_000L);
    assertThat(eval("timestamp_parse('2023-11-14', null, 'America/Los_Angeles')")).isEqualTo(1_699_948_800_000L);
    assertThat(eval("timestamp_parse('14/11/2023 22:15', 'dd/MM/yyyy HH:mm')")).isEqualTo(1_700_000_100_000L);
    assertThat(eval("timestamp_parse('not a time')")).isNull();
    assertThat(eval("timestamp_parse(x)")).isNull();
    assertThat(eval("timestamp_format(__time)")).isEqualTo("2023-11-14T22:15:23.456Z");
    assertThat(eval("timestamp_format(__time, 'yyyy-MM-dd')")).isEqualTo("2023-11-14");
    assertThat(eval("timestamp_format(__time, 'yyyy-MM-dd HH:mm', 'Asia/Kolkata')")).isEqualTo("2023-11-15 03:45");
    assertThat(eval("timestamp_format(__time, null, '-08:00')")).isEqualTo("2023-11-14T14:15:23.456-08:00");
    assertThat(eval("unix_timestamp('1970-01-01T00:01:00Z')")).isEqualTo(60L);
    assertThat(eval("timestamp_floor('2023-11-14T22:15:23Z', 'P1D')")).isEqualTo(1_699_920_000_000L);
  }

  @Test
  void functionNamesAreCaseInsensitive() {
    assertThat(eval("CONCAT('a', Upper('b'))")).isEqualTo("aB");
  }

  @Test
  void constantSubExpressionsAreFolded() {
    Expression e = Expressions.parse("concat('a', 'b') + x");
    assertThat(e.eval(Map.of("x", "c")::get)).isEqualTo("abc");
    assertThat(Expressions.parse("upper(concat('a', 'b'))").isConstant()).isTrue();
  }

  private static void assertError(String expr, String... fragments) {
    assertThatThrownBy(() -> Expressions.parse(expr))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.field()).isEqualTo("expression");
          assertThat(e.getMessage()).contains("[" + expr + "]");
          for (String f : fragments) {
            assertThat(e.getMessage()).contains(f);
          }
        });
  }

  @Test
  void parseErrorsNameTheExpressionAndPosition() {
    assertError("1 +", "unexpected end", "position 3");
    assertError("1 + * 2", "unexpected '*'", "position 4");
    assertError("foo(1)", "unknown function foo()", "position 0");
    assertError("x + concat('a'", "missing ')'", "position 14");
    assertError("'abc", "unterminated string", "position 0");
    assertError("\"abc", "unterminated quoted identifier", "position 0");
    assertError("substring('a')", "substring takes 3 arguments, got 1", "position 0");
    assertError("x y", "unexpected 'y'", "position 2");
    assertError("(1 + 2", "missing ')'", "position 6");
    assertError("1)", "unexpected ')'", "position 1");
    assertError("99999999999999999999", "out of the long range", "position 0");
    assertError("cast(x, 'BOGUS')", "'LONG', 'DOUBLE' or 'STRING'");
    assertError("cast(x, y)", "literal type name");
    assertError("[1, 2]", "array literals are not supported");
    assertError("x & y", "unexpected '&'");
    assertError("regexp_extract(x, '(')", "position 0");
    assertError("regexp_extract(x, '(a)', 2)", "out of range");
    assertError("timestamp_floor(__time, 'PT1X')", "invalid period");
    assertError("timestamp_extract(__time, 'FORTNIGHT')", "unknown timestamp_extract unit");
    assertError("12abc", "after number");
    assertError("  ", "empty");
  }
}
