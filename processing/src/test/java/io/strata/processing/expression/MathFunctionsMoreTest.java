package io.strata.processing.expression;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The trigonometric, rounding-aware and bitwise functions, with nulls and text arguments. */
class MathFunctionsMoreTest {
  private static Object eval(String expr) {
    return Expressions.parse(expr).eval(Map.of("x", 2L, "d", 0.5, "s", "3")::get);
  }

  @Test
  void trigonometryAndFriendsAreDoubles() {
    assertThat(eval("cos(0)")).isEqualTo(1.0);
    assertThat(eval("sin(0)")).isEqualTo(0.0);
    assertThat(eval("atan2(1, 1)")).isEqualTo(Math.PI / 4);
    assertThat(eval("hypot(3, 4)")).isEqualTo(5.0);
    assertThat(eval("todegrees(pi())")).isEqualTo(180.0);
    assertThat(eval("cbrt(27)")).isEqualTo(3.0);
    assertThat(eval("getExponent(8)")).isEqualTo(3L);
    assertThat(eval("copysign(2, -1)")).isEqualTo(-2.0);
    assertThat(eval("remainder(7, 4)")).isEqualTo(-1.0);
    assertThat(eval("scalb(d, 3)")).isEqualTo(4.0);
    assertThat(eval("sqrt(s)")).isEqualTo(Math.sqrt(3));
    assertThat(eval("tan(nope)")).isNull();
  }

  @Test
  void bitwiseOnLongsAndCaseInsensitiveNames() {
    assertThat(eval("bitwiseAnd(x, 3)")).isEqualTo(2L);
    assertThat(eval("bitwiseOr(x, 1)")).isEqualTo(3L);
    assertThat(eval("BITWISEXOR(x, 3)")).isEqualTo(1L);
    assertThat(eval("bitwiseShiftLeft(x, 2)")).isEqualTo(8L);
    assertThat(eval("bitwiseComplement(0)")).isEqualTo(-1L);
    assertThat(eval("bitwiseConvertLongBitsToDouble(bitwiseConvertDoubleToLongBits(d))")).isEqualTo(0.5);
    assertThat(eval("bitwiseAnd(x, nope)")).isNull();
  }
}
